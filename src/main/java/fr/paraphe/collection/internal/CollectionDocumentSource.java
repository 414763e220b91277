package fr.paraphe.collection.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

	/** How many collections the history looks at, newest first. */
	static final int MAX_COLLECTIONS = 1_000;

	private final Collections collections;

	private final Firms firms;

	private final CollectionProperties properties;

	CollectionDocumentSource(Collections collections, Firms firms, CollectionProperties properties) {
		this.collections = collections;
		this.firms = firms;
		this.properties = properties;
	}

	@Override
	public List<Entry> entries(UserId viewer, FirmId firm, Query query) {
		boolean reader = firms.membershipOf(viewer)
			.filter(member -> member.firm().equals(firm))
			.filter(member -> member.may(Delegation.PREPARE) || member.may(Delegation.LAUNCH))
			.isPresent();
		if (!reader) {
			return List.of();
		}
		String text = query.text() == null || query.text().isBlank() ? null
				: query.text().strip().toLowerCase(Locale.ROOT);
		List<Entry> entries = new ArrayList<>();
		for (Collection collection : collections.launched(firm, MAX_COLLECTIONS)) {
			Instant at = collection.endedAt() != null ? collection.endedAt()
					: collection.launchedAt() != null ? collection.launchedAt() : collection.createdAt();
			if ((query.from() != null && at.isBefore(query.from())) || (query.to() != null && !at.isBefore(query.to()))) {
				continue;
			}
			String people = collection.signers().stream().map(Collection.Signer::displayName)
				.collect(Collectors.joining(", "));
			// Searched as on /collectes (title, signers' names and e-mails), and by the document's name.
			String emails = collection.signers().stream().map(Collection.Signer::email)
				.filter(java.util.Objects::nonNull).collect(Collectors.joining(" "));
			boolean completed = collection.status() == CollectionStatus.COMPLETED;
			boolean available = completed && !collection.documentsPurged();
			Instant retainedUntil = completed && collection.endedAt() != null
					? collection.endedAt().plus(properties.documentRetention()) : null;
			String progress = collection.signedCount() + "/" + collection.signers().size();
			for (Collection.Document document : collection.documents()) {
				if (text != null && !matches(text, collection.title(), document.fileName(), people, emails)) {
					continue;
				}
				entries.add(new Entry("COLLECTION", collection.id(), document.number(), collection.title(),
						document.fileName(), people, collection.status().name(), progress, at,
						"/collectes/" + collection.id(),
						available ? "/collectes/" + collection.id() + "/documents/" + document.number() + ".pdf" : null,
						retainedUntil));
			}
		}
		entries.sort(Comparator.comparing(Entry::at).reversed());
		return entries.size() > query.limit() ? List.copyOf(entries.subList(0, query.limit())) : entries;
	}

	private static boolean matches(String text, String... values) {
		for (String value : values) {
			if (value != null && value.toLowerCase(Locale.ROOT).contains(text)) {
				return true;
			}
		}
		return false;
	}

}
