package fr.paraphe.collection.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.shared.FirmDocumentSource;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

import org.springframework.stereotype.Component;

/**
 * The collections' part of the firm's document history ({@code /documents}): each document of a launched
 * collection, with its collection's state and how many signers signed, linking to the collection's page; the signed
 * PDF is downloadable once the collection is completed, until its retention ends. Shown to the members who may read
 * collections (PREPARE or LAUNCH, an owner holds both), as {@link Collections} does; to no one else.
 */
@Component
class CollectionDocumentSource implements FirmDocumentSource {

	private final CollectionStore store;

	private final Firms firms;

	private final CollectionProperties properties;

	CollectionDocumentSource(CollectionStore store, Firms firms, CollectionProperties properties) {
		this.store = store;
		this.firms = firms;
		this.properties = properties;
	}

	@Override
	public List<Entry> entries(UserId viewer, FirmId firm, Query query) {
		if (!reader(viewer, firm)) {
			return List.of();
		}
		boolean backwards = query.before() != null;
		Position at = backwards ? query.before() : query.after();
		List<CollectionStore.HistoryRow> rows = store.history(firm, text(query), query.from(), query.to(),
				at == null ? null : at.at(), at == null ? null : at.id(), at == null ? 0 : at.number(), backwards,
				query.limit());
		// Only the page's collections' signers are read, in one query.
		Map<UUID, List<Collection.Signer>> signers = store
			.signersOf(rows.stream().map(CollectionStore.HistoryRow::collection).collect(Collectors.toSet()));
		List<Entry> entries = new ArrayList<>(rows.size());
		for (CollectionStore.HistoryRow row : rows) {
			List<Collection.Signer> of = signers.getOrDefault(row.collection(), List.of());
			String people = of.stream().map(Collection.Signer::displayName).collect(Collectors.joining(", "));
			long signed = of.stream().filter(signer -> signer.status() == SignerStatus.SIGNED).count();
			boolean completed = row.status() == CollectionStatus.COMPLETED;
			boolean available = completed && !row.documentsPurged();
			Instant retainedUntil = completed && row.endedAt() != null
					? row.endedAt().plus(properties.documentRetention()) : null;
			entries.add(new Entry("COLLECTION", row.collection(), row.number(), row.title(), row.fileName(), people,
					row.status().name(), signed + "/" + of.size(), row.at(), "/collectes/" + row.collection(),
					available ? "/collectes/" + row.collection() + "/documents/" + row.number() + ".pdf" : null,
					retainedUntil));
		}
		return entries;
	}

	@Override
	public long count(UserId viewer, FirmId firm, Query query) {
		if (!reader(viewer, firm)) {
			return 0;
		}
		Position after = query.after();
		return store.historyCount(firm, text(query), query.from(), query.to(), after == null ? null : after.at(),
				after == null ? null : after.id(), after == null ? 0 : after.number());
	}

	/** Members who may read collections: PREPARE or LAUNCH (an owner holds both). */
	private boolean reader(UserId viewer, FirmId firm) {
		return firms.membershipOf(viewer)
			.filter(member -> member.firm().equals(firm))
			.filter(member -> member.may(Delegation.PREPARE) || member.may(Delegation.LAUNCH))
			.isPresent();
	}

	private static String text(Query query) {
		return query.text() == null || query.text().isBlank() ? null : query.text().strip().toLowerCase(Locale.ROOT);
	}

}
