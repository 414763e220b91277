package fr.paraphe.collection.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.paraphe.billing.Billing;
import fr.paraphe.collection.CollectionEvents;
import fr.paraphe.evidence.EvidenceEvent;
import fr.paraphe.evidence.EvidenceTrails;
import fr.paraphe.shared.ClusterJobs;
import fr.paraphe.signing.Drafts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The collections' scheduled work, on one node of the cluster at a time ({@link ClusterJobs}): expiry at the
 * deadline (what was reserved for those who did not sign is released), completions interrupted by a crash,
 * reminders on each collection's schedule, and retention (documents after {@code document-retention}, evidence after
 * {@code evidence-retention}, untouched drafts after {@code draft-retention}). Each step takes the instant to judge
 * by, so that tests move time instead of waiting.
 */
@Component
public class CollectionJobs {

	private static final Logger log = LoggerFactory.getLogger(CollectionJobs.class);

	private final CollectionStore store;

	private final Billing billing;

	private final EvidenceTrails evidence;

	private final Invitations invitations;

	private final CollectionMails mails;

	private final Completion completion;

	private final Drafts drafts;

	private final ClusterJobs jobs;

	private final CollectionProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	CollectionJobs(CollectionStore store, Billing billing, EvidenceTrails evidence, Invitations invitations,
			CollectionMails mails, Completion completion, Drafts drafts, ClusterJobs jobs,
			CollectionProperties properties, Clock clock, TransactionTemplate transactions,
			ApplicationEventPublisher events) {
		this.store = store;
		this.billing = billing;
		this.evidence = evidence;
		this.invitations = invitations;
		this.mails = mails;
		this.completion = completion;
		this.drafts = drafts;
		this.jobs = jobs;
		this.properties = properties;
		this.clock = clock;
		this.transactions = transactions;
		this.events = events;
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "${paraphe.collection.jobs-every:PT5M}")
	void scheduled() {
		jobs.runOnce("collection-jobs", Duration.ofMinutes(1), Duration.ofMinutes(30), () -> {
			Instant now = clock.instant();
			try {
				expire(now);
				completeInterrupted();
				remind(now);
				purge(now);
			}
			catch (RuntimeException failure) {
				log.error("Collection jobs failed; they run again at the next period", failure);
			}
		});
	}

	/** Expires the in-progress collections whose deadline is at or before {@code now}. @return how many */
	public int expire(Instant now) {
		int expired = 0;
		for (UUID id : transactions.execute(status -> store.pastDeadline(now, 200))) {
			CollectionStore.Head head = transactions.execute(status -> {
				CollectionStore.Head locked = store.lock(id).orElseThrow();
				if (locked.status() != CollectionStatus.IN_PROGRESS || locked.deadline().isAfter(now)) {
					return null;
				}
				store.setStatus(id, CollectionStatus.EXPIRED, null, now);
				store.event(id, null, "expired", null, now);
				evidence.append(id, locked.firm(),
						new EvidenceEvent("collection.expired", "collection", now, null, null, java.util.Map.of()));
				mails.stateChanged(id, "expired");
				events.publishEvent(new CollectionEvents.CollectionChanged(locked.firm(), "system", id, "expired",
						CollectionStatus.EXPIRED.name()));
				return locked;
			});
			if (head != null) {
				Lifecycle.releaseUnsigned(billing, head.firm(), transactions.execute(status -> store.signers(id)));
				evidence.anchor(id);
				expired++;
			}
		}
		return expired;
	}

	/** Completes the collections whose signers all signed but whose completion did not finish. */
	public int completeInterrupted() {
		int completed = 0;
		for (UUID id : transactions.execute(status -> store.allSigned(50))) {
			completed += completion.completeIfAllSigned(id) ? 1 : 0;
		}
		return completed;
	}

	/**
	 * Reminds the invited signers whose next reminder is due: {@code reminderDays} after the invitation, the last
	 * interval then repeated (3, 7: on days 3, 7, 14, 21...). @return how many were reminded
	 */
	public int remind(Instant now) {
		int reminded = 0;
		for (UUID id : transactions.execute(status -> store.invitedInProgress(500))) {
			Integer count = transactions.execute(status -> {
				CollectionStore.Head head = store.lock(id).orElseThrow();
				if (head.status() != CollectionStatus.IN_PROGRESS || head.reminderDays().isEmpty()) {
					return 0;
				}
				int sent = 0;
				for (CollectionStore.SignerRow row : store.signers(id)) {
					Collection.Signer signer = row.signer();
					if (signer.status() == SignerStatus.INVITED && signer.invitedAt() != null
							&& !due(signer.invitedAt(), head.reminderDays(), store.reminders(signer.id())).isAfter(now)) {
						invitations.remind(head, signer, now, "schedule");
						sent++;
					}
				}
				return sent;
			});
			reminded += count == null ? 0 : count;
		}
		return reminded;
	}

	/** When the reminder number {@code sent} (from 0) is due. */
	static Instant due(Instant invitedAt, List<Integer> days, int sent) {
		int last = days.get(days.size() - 1);
		long day = sent < days.size() ? days.get(sent) : (long) last * (sent - days.size() + 2);
		return invitedAt.plus(Duration.ofDays(day));
	}

	/**
	 * Deletes the documents of collections ended more than {@code document-retention} ago (their evidence stays),
	 * the evidence older than {@code evidence-retention}, and drafts untouched for {@code draft-retention}.
	 * @return how many collections lost their documents or were deleted
	 */
	public int purge(Instant now) {
		int purged = 0;
		for (UUID id : transactions.execute(status -> store.endedWithDocumentsBefore(now.minus(properties.documentRetention()), 200))) {
			forgetPictures(id);
			transactions.executeWithoutResult(status -> store.purgeDocuments(id));
			purged++;
		}
		for (UUID id : transactions.execute(status -> store.unusedDrafts(now.minus(properties.draftRetention()), 200))) {
			forgetPictures(id);
			transactions.executeWithoutResult(status -> store.delete(id));
			purged++;
		}
		evidence.purge(now.minus(properties.evidenceRetention()));
		return purged;
	}

	private void forgetPictures(UUID collection) {
		transactions.executeWithoutResult(status -> {
			for (Collection.Document document : store.documents(collection)) {
				store.documentId(collection, document.number())
					.ifPresent(id -> drafts.forgetPictures(Lifecycle.PICTURES, id));
			}
		});
	}

}
