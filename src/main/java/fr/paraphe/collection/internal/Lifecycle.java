package fr.paraphe.collection.internal;

import java.util.List;
import java.util.UUID;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.billing.Reservation;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.Drafts;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** What the firm's side and the signers' side share: the reservations of the signers, and the pages' pictures. */
final class Lifecycle {

	/** The owner of the collections' page pictures in {@link Drafts}. */
	static final String PICTURES = "COLLECTION";

	private Lifecycle() {
	}

	/** The reservation made at launch for this signer, or null if none was (a draft). */
	static Reservation reservationOf(FirmId firm, CollectionStore.SignerRow row, String actor) {
		if (row.reservationId() == null) {
			return null;
		}
		return new Reservation(row.reservationId(), firm, Collections.reservationKey(row.signer().id()),
				Operation.COLLECTION_SIGNER, Money.ofCents(row.reservationCents()), actor, null);
	}

	/**
	 * Releases the reservations of the signers who did not sign (a decline, an expiry, a cancellation), each in its
	 * own transaction; a reservation already settled or released is left alone. Called with no transaction open.
	 */
	static void releaseUnsigned(Billing billing, FirmId firm, List<CollectionStore.SignerRow> signers) {
		for (CollectionStore.SignerRow row : signers) {
			Reservation reservation = reservationOf(firm, row, "system");
			if (reservation != null && row.signer().status() != SignerStatus.SIGNED) {
				billing.release(reservation);
			}
		}
	}

	/** A page's picture of a document as uploaded. @throws ProblemException 404 (no such document or page), 422 */
	static byte[] picture(Drafts drafts, CollectionStore store, TransactionTemplate transactions, UUID collection,
			int number, int page) {
		UUID document = transactions.execute(status -> store.documentId(collection, number))
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument"));
		return drafts.pagePicture(PICTURES, document, page, () -> transactions
			.execute(status -> store.original(collection, number))
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument")));
	}

}
