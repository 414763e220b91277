package fr.paraphe.collection.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.collection.CollectionEvents;
import fr.paraphe.evidence.EvidenceEvent;
import fr.paraphe.evidence.EvidenceTrails;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.FirmSeals;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes a collection whose signers all signed: the firm's seal on each document if asked, then a document
 * time-stamp (B-LTA), then COMPLETED, the parties e-mailed a download link and the evidence trail anchored. Claimed
 * in the database first, so that two last signers signing together, or two nodes, complete it once; a completion
 * interrupted (a crash) is claimed again by the scheduled job ten minutes later. Called with no transaction open.
 */
@Component
class Completion {

	private static final Logger log = LoggerFactory.getLogger(Completion.class);

	private final CollectionStore store;

	private final FirmSeals seals;

	private final PadesSigner signer;

	private final EvidenceTrails evidence;

	private final Invitations invitations;

	private final CollectionMails mails;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Copies copies;

	Completion(CollectionStore store, FirmSeals seals, PadesSigner signer, EvidenceTrails evidence,
			Invitations invitations, CollectionMails mails, Clock clock, TransactionTemplate transactions,
			ApplicationEventPublisher events, Copies copies) {
		this.copies = copies;
		this.store = store;
		this.seals = seals;
		this.signer = signer;
		this.evidence = evidence;
		this.invitations = invitations;
		this.mails = mails;
		this.clock = clock;
		this.transactions = transactions;
		this.events = events;
	}

	/** @return whether this call completed the collection */
	boolean completeIfAllSigned(UUID collection) {
		if (!Boolean.TRUE.equals(transactions.execute(status -> store.claimCompletion(collection, clock.instant())))) {
			return false;
		}
		CollectionStore.Head head = transactions.execute(status -> store.head(collection)).orElseThrow();
		Map<String, String> details = new LinkedHashMap<>();
		for (Collection.Document document : transactions.execute(status -> store.documents(collection))) {
			CollectionStore.Version current = transactions.execute(status -> store.current(collection, document.number()))
				.orElseThrow();
			byte[] pdf = current.pdf();
			if (head.seal() && head.launchedBy() != null) {
				try {
					pdf = seals.seal(head.firm(), head.launchedBy(), pdf,
							SignatureParameters.invisible(SignatureLevel.B_LT, null, "Cachet du cabinet"));
					details.put("document" + document.number() + ".sealed", "true");
				}
				catch (ProblemException refused) {
					// No valid seal, no delegation, no funds: the documents are delivered signed, without the seal.
					log.warn("Collection {}: the firm's seal was refused ({})", collection, refused.messageKey());
					details.put("document" + document.number() + ".sealRefused", refused.messageKey());
				}
			}
			byte[] archived = signer.extend(pdf, SignatureLevel.B_LTA);
			String sha256 = fr.paraphe.shared.Sha256.hex(archived);
			if (!Boolean.TRUE.equals(transactions
				.execute(status -> store.replace(collection, document.number(), current.version(), archived, sha256)))) {
				throw new IllegalStateException("A completed document changed during completion: " + collection);
			}
			details.put("document" + document.number() + ".sha256Before", current.sha256());
			details.put("document" + document.number() + ".sha256", sha256);
		}
		Instant now = clock.instant();
		boolean completed = Boolean.TRUE.equals(transactions.execute(status -> {
			CollectionStore.Head locked = store.lock(collection).orElseThrow();
			if (locked.status() != CollectionStatus.IN_PROGRESS) {
				return false;
			}
			store.setStatus(collection, CollectionStatus.COMPLETED, null, now);
			store.event(collection, null, "completed", null, now);
			evidence.append(collection, head.firm(), new EvidenceEvent("collection.completed", "collection", now, null,
					null, details));
			mails.stateChanged(collection, "completed");
			for (CollectionStore.SignerRow row : store.signers(collection)) {
				invitations.delivered(head, row.signer(), now);
			}
			copies.delivered(head, now);
			events.publishEvent(new CollectionEvents.CollectionChanged(head.firm(), "system", collection, "completed",
					CollectionStatus.COMPLETED.name()));
			return true;
		}));
		if (completed) {
			evidence.anchor(collection);
		}
		return completed;
	}

}
