package fr.paraphe.collection.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.collection.CollectionEvents;
import fr.paraphe.evidence.EvidenceTrails;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.Drafts;
import fr.paraphe.signing.PageSize;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Edits and deletions of drafts, by a member with the PREPARE delegation or the owner: a draft (and only a draft)
 * gets new fields (title, message, deadline, reminders, seal, order, signers with their places, recipients in copy)
 * checked as at creation against its documents' pages, or is deleted. Another firm's collection is 404. Each is
 * audited ({@link CollectionEvents}) and written to the evidence trail.
 */
@Service
public class DraftEdits {

	private final Collections collections;

	private final CollectionStore store;

	private final PreparationStore preparation;

	private final Drafts drafts;

	private final Firms firms;

	private final EvidenceTrails evidence;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final SignerOptionStore options;

	DraftEdits(Collections collections, CollectionStore store, PreparationStore preparation, Drafts drafts, Firms firms,
			EvidenceTrails evidence, Clock clock, TransactionTemplate transactions, ApplicationEventPublisher events,
			SignerOptionStore options) {
		this.collections = collections;
		this.options = options;
		this.store = store;
		this.preparation = preparation;
		this.drafts = drafts;
		this.firms = firms;
		this.evidence = evidence;
		this.clock = clock;
		this.transactions = transactions;
		this.events = events;
	}

	/**
	 * A draft as the request that would create it again (to edit it, or to save it as a model), its signers'
	 * options included.
	 */
	public DraftRequest asRequest(Collection collection) {
		java.util.Map<UUID, SignerOptions> stored = transactions.execute(status -> options.ofCollection(collection.id()));
		List<DraftRequest.NewSigner> signers = new ArrayList<>();
		for (Collection.Signer signer : collection.signers()) {
			signers.add(new DraftRequest.NewSigner(signer.kind(), signer.civility(), signer.givenName(),
					signer.surname(), signer.email(), signer.phone(),
					signer.userId() == null ? null : signer.userId().value(), signer.channel(), signer.step(),
					signer.places(), stored.get(signer.id())));
		}
		return new DraftRequest(collection.title(), collection.message(), collection.deadline(), collection.order(),
				collection.reminderDays(), collection.seal(), signers, collection.copies());
	}

	/**
	 * Replaces a draft's fields and signers with {@code request} (the whole draft; a signer's places are checked
	 * against the stored documents).
	 * @throws ProblemException 404, 403, 409 {@code collection.error.notDraft}, 400 as {@link Collections#create}
	 */
	public Collection update(UserId actor, FirmId firm, UUID id, DraftRequest request, Collections.Origin origin) {
		firms.require(actor, firm, Delegation.PREPARE);
		List<Collection.Document> documents = transactions.execute(status -> {
			CollectionStore.Head head = store.head(firm, id).orElseThrow(Collections::notFound);
			requireDraft(head);
			return store.documents(id);
		});
		List<List<PageSize>> pages = new ArrayList<>();
		for (Collection.Document document : documents) {
			byte[] pdf = transactions.execute(status -> store.original(id, document.number())).orElseThrow(Collections::notFound);
			pages.add(drafts.check(pdf));
		}
		Collections.Checked checked = collections.check(firm, request, pages);
		transactions.executeWithoutResult(status -> {
			requireDraft(collections.lockOf(firm, id));
			Instant now = clock.instant();
			preparation.updateDraft(id, checked.title(), checked.message(), checked.order(), checked.deadline(),
					checked.reminderDays(), checked.seal(), now);
			preparation.deleteSigners(id);
			checked.insertSigners(id, store, options);
			preparation.replaceCopies(id, Copies.rows(checked.copies()));
			store.event(id, null, "edited", null, now);
			evidence.append(id, firm, origin.event("collection.edited", "firm:" + actor.value(), now,
					Map.of("title", checked.title(), "signers", String.valueOf(checked.signers().size()), "copies",
							String.valueOf(checked.copies().size()))));
			events.publishEvent(new CollectionEvents.CollectionChanged(firm, actor.value().toString(), id, "edited",
					CollectionStatus.DRAFT.name()));
		});
		return collections.view(firm, id);
	}

	/**
	 * Deletes a draft, its documents and its signers (the evidence trail keeps its creation and deletion).
	 * @throws ProblemException 404, 403, 409 {@code collection.error.notDraft}
	 */
	public void delete(UserId actor, FirmId firm, UUID id, Collections.Origin origin) {
		firms.require(actor, firm, Delegation.PREPARE);
		List<UUID> documentIds = transactions.execute(status -> {
			requireDraft(collections.lockOf(firm, id));
			List<UUID> ids = new ArrayList<>();
			for (Collection.Document document : store.documents(id)) {
				store.documentId(id, document.number()).ifPresent(ids::add);
			}
			Instant now = clock.instant();
			evidence.append(id, firm, origin.event("collection.deleted", "firm:" + actor.value(), now, Map.of()));
			store.delete(id);
			events.publishEvent(new CollectionEvents.CollectionChanged(firm, actor.value().toString(), id, "deleted",
					"DELETED"));
			return ids;
		});
		documentIds.forEach(document -> drafts.forgetPictures(Lifecycle.PICTURES, document));
	}

	private static void requireDraft(CollectionStore.Head head) {
		if (head.status() != CollectionStatus.DRAFT) {
			throw new ProblemException(HttpStatus.CONFLICT, "collection.error.notDraft");
		}
	}

}
