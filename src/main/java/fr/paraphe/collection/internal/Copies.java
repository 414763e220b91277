package fr.paraphe.collection.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.paraphe.evidence.EvidenceEvent;
import fr.paraphe.evidence.EvidenceTrails;
import fr.paraphe.evidence.MaskedAddresses;
import fr.paraphe.firm.Firms;
import fr.paraphe.notification.Notifications;
import fr.paraphe.shared.Names;
import fr.paraphe.shared.ProblemException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recipients in copy (destinataires en copie) of a collection: a name and an e-mail address, given with the draft.
 * They never sign and never see the signers' addresses: at completion each gets an e-mail with a personal download
 * link ({@code /collecte/copie/<token>}, the token kept only as its SHA-256) to the signed documents, which works as
 * long as the documents are kept.
 */
@Service
public class Copies {

	/** Recipients in copy per collection. */
	static final int MAX = 10;

	/** Where a recipient's link points. */
	static final String PATH = "/collecte/copie/";

	private final CollectionStore store;

	private final PreparationStore preparation;

	private final Notifications notifications;

	private final EvidenceTrails evidence;

	private final Firms firms;

	private final TransactionTemplate transactions;

	Copies(CollectionStore store, PreparationStore preparation, Notifications notifications, EvidenceTrails evidence,
			Firms firms, TransactionTemplate transactions) {
		this.store = store;
		this.preparation = preparation;
		this.notifications = notifications;
		this.evidence = evidence;
		this.firms = firms;
		this.transactions = transactions;
	}

	/** The recipients in copy, checked. @throws ProblemException 400 {@code collection.error.copy*} */
	static List<DraftRequest.Copy> check(List<DraftRequest.Copy> given) {
		if (given == null) {
			return List.of();
		}
		if (given.size() > MAX) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.tooManyCopies", MAX);
		}
		List<DraftRequest.Copy> copies = new ArrayList<>();
		for (int i = 0; i < given.size(); i++) {
			DraftRequest.Copy copy = given.get(i);
			int position = i + 1;
			String name = copy == null ? null : Names.text(copy.name(), 200);
			if (name == null) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.copyName", position);
			}
			String email;
			try {
				email = Collections.email(copy.email(), position);
			}
			catch (ProblemException invalid) {
				email = null;
			}
			if (email == null) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.copyEmail", position);
			}
			copies.add(new DraftRequest.Copy(name, email));
		}
		return List.copyOf(copies);
	}

	static List<String[]> rows(List<DraftRequest.Copy> copies) {
		return copies.stream().map(copy -> new String[] { copy.name(), copy.email() }).toList();
	}

	/** E-mails each recipient in copy of a completed collection their download link. Joins the caller's transaction. */
	void delivered(CollectionStore.Head head, Instant now) {
		for (PreparationStore.CopyRow copy : preparation.copies(head.id())) {
			String token = Invitations.newToken();
			preparation.delivered(copy.id(), Invitations.hash(token), now);
			notifications.emailSecret(copy.email(), Locale.FRENCH, "collection-copy",
					Map.of("firmName", firms.nameOf(head.firm()), "title", head.title(), "name", copy.name(), "link",
							PATH + token),
					token, head.title());
			store.event(head.id(), null, "copySent", MaskedAddresses.email(copy.email()), now);
			evidence.append(head.id(), head.firm(), new EvidenceEvent("copy.delivered", "copy:" + copy.position(), now,
					null, null, Invitations.details("address", MaskedAddresses.email(copy.email()))));
		}
	}

	/** What a recipient in copy sees: the collection's title, its firm and its documents. */
	public record CopyVisit(String name, String firmName, String title, boolean documentsPurged,
			List<Collection.Document> documents) {
	}

	/**
	 * Opens a recipient's link.
	 * @throws ProblemException 404 {@code collection.link.unknown} for an unknown token
	 */
	public CopyVisit open(String token) {
		return transactions.execute(status -> {
			PreparationStore.CopyRow copy = copyOf(token);
			CollectionStore.Head head = store.head(copy.collection()).orElseThrow(Copies::unknown);
			return new CopyVisit(copy.name(), firms.nameOf(head.firm()), head.title(), head.documentsPurged(),
					store.documents(head.id()));
		});
	}

	/** A signed document, for a recipient's link. @throws ProblemException 404 */
	public CollectionStore.Version document(String token, int number) {
		return transactions.execute(status -> {
			PreparationStore.CopyRow copy = copyOf(token);
			return store.current(copy.collection(), number)
				.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument"));
		});
	}

	private PreparationStore.CopyRow copyOf(String token) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
			throw unknown();
		}
		Optional<PreparationStore.CopyRow> copy = preparation.copyByToken(Invitations.hash(token));
		return copy.orElseThrow(Copies::unknown);
	}

	private static ProblemException unknown() {
		return new ProblemException(HttpStatus.NOT_FOUND, "collection.link.unknown");
	}

}
