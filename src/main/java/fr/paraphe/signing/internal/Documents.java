package fr.paraphe.signing.internal;

import fr.paraphe.signing.SealJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.Users;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.shared.ClusterJobs;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.DocumentStore;
import fr.paraphe.signing.internal.SigningProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The firm's documents: every PDF it signed (signing page), sealed (seal page, sealing API) or extended (extension
 * API), recorded in the transaction that charges it, with who, when, the level, the price; the PDF itself is kept
 * {@code paraphe.signing.document-retention} (30 days by default) for download, then purged by a job that runs on
 * one node at a time; the entry stays.
 * <p>Who sees what: an owner sees all the firm's documents; another member the seals and extensions while they
 * hold the SEAL delegation, and their own signatures while they hold the SIGN delegation. Anything else, and every
 * other firm's document, is 404.
 */
@Service
public class Documents {

	private static final Logger log = LoggerFactory.getLogger(Documents.class);

	/** What was done to the document. */
	public enum Kind {

		/** A personal signature, with the signer's certificate. */
		SIGNATURE,

		/** The firm's seal. */
		SEAL,

		/** The signatures already in it raised to a higher level. */
		EXTENSION

	}

	/** Where it was done. */
	public enum Channel {

		/** A page of Paraphe ({@code /signer}, {@code /cachet}). */
		PAGE,

		/** The firm's software, with an API key. */
		API

	}

	/**
	 * A document of the firm.
	 * @param price what the firm paid, VAT included (zero for an extension)
	 * @param retainedUntil until when the PDF can be downloaded
	 * @param available whether it can be downloaded now
	 */
	public record Document(UUID id, Kind kind, Channel channel, String actorName, String fileName,
			SignatureLevel level, boolean certified, Money price, String sha256, long size, Instant createdAt,
			Instant retainedUntil, boolean available) {
	}

	/**
	 * A search of the firm's documents.
	 * @param text part of the file name or of the name of who did it, null for any
	 * @param kind null for any
	 * @param from inclusive, null for no bound
	 * @param to exclusive, null for no bound
	 */
	public record Search(String text, Kind kind, Instant from, Instant to) {

		/** Every document. */
		public static final Search ALL = new Search(null, null, null, null);

	}

	/** Where a document comes from and the name it was uploaded under (null: "document.pdf"). */
	public record Origin(Channel channel, String fileName) {

		/** From a page of Paraphe. */
		public static Origin page(String fileName) {
			return new Origin(Channel.PAGE, fileName);
		}

		/** From the API. */
		public static Origin api(String fileName) {
			return new Origin(Channel.API, fileName);
		}

	}

	/** The most a search returns. */
	public static final int MAX_RESULTS = 2_000;

	private final DocumentStore store;

	private final Firms firms;

	private final Users users;

	private final SigningProperties properties;

	private final ClusterJobs jobs;

	private final Clock clock;

	private final org.springframework.beans.factory.ObjectProvider<fr.paraphe.shared.FirmDocumentSource> sources;

	Documents(DocumentStore store, Firms firms, Users users, SigningProperties properties, ClusterJobs jobs,
			Clock clock, org.springframework.beans.factory.ObjectProvider<fr.paraphe.shared.FirmDocumentSource> sources) {
		this.sources = sources;
		this.store = store;
		this.firms = firms;
		this.users = users;
		this.properties = properties;
		this.jobs = jobs;
		this.clock = clock;
	}

	/** How long a new document's PDF is kept. */
	public Duration retention() {
		return properties.documentRetention();
	}

	/**
	 * The documents {@code viewer} may see in their firm, newest first, at most {@link #MAX_RESULTS}.
	 * @throws ProblemException 404 for a person without a firm
	 */
	@Transactional(readOnly = true)
	public List<Document> search(UserId viewer, Search search) {
		DocumentStore.Scope scope = scope(viewer);
		Instant now = clock.instant();
		return store.search(scope, new DocumentStore.Search(search.text(),
				search.kind() == null ? null : search.kind().name(), search.from(), search.to(), MAX_RESULTS))
			.stream()
			.map(row -> document(row, now))
			.toList();
	}

	/**
	 * The documents other modules hold for the viewer's firm ({@link fr.paraphe.shared.FirmDocumentSource}: the
	 * signature collections'), that the viewer may see, matching the search's text and dates (its kind concerns this
	 * module's documents only), newest first, at most {@link #MAX_RESULTS}. Each source applies its own access rules.
	 * @throws ProblemException 404 for a person without a firm
	 */
	public List<fr.paraphe.shared.FirmDocumentSource.Entry> others(UserId viewer, Search search) {
		Membership member = firms.membershipOf(viewer)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
		return others(viewer, member.firm(), search, null, null, MAX_RESULTS);
	}

	/**
	 * The sources' entries after {@code after} (or, with {@code before} set, the nearest ones before it), in the
	 * history's order, at most {@code limit}.
	 */
	private List<fr.paraphe.shared.FirmDocumentSource.Entry> others(UserId viewer, FirmId firm, Search search,
			fr.paraphe.shared.FirmDocumentSource.Position after, fr.paraphe.shared.FirmDocumentSource.Position before,
			int limit) {
		fr.paraphe.shared.FirmDocumentSource.Query query = new fr.paraphe.shared.FirmDocumentSource.Query(search.text(),
				search.from(), search.to(), after, before, limit);
		List<List<fr.paraphe.shared.FirmDocumentSource.Entry>> bySource = sources.orderedStream()
			.map(source -> source.entries(viewer, firm, query))
			.filter(found -> !found.isEmpty())
			.toList();
		if (bySource.size() <= 1) {
			// One source's entries are in the database's order already.
			return bySource.isEmpty() ? List.of() : bySource.get(0);
		}
		// Several sources merged in the same order (ids compared as the databases compare UUIDs: unsigned).
		List<fr.paraphe.shared.FirmDocumentSource.Entry> entries = new ArrayList<>();
		bySource.forEach(entries::addAll);
		entries.sort(java.util.Comparator.comparing(fr.paraphe.shared.FirmDocumentSource.Entry::at)
			.reversed()
			.thenComparing(fr.paraphe.shared.FirmDocumentSource.Entry::id, Documents::unsigned)
			.thenComparingInt(fr.paraphe.shared.FirmDocumentSource.Entry::number));
		if (entries.size() <= limit) {
			return entries;
		}
		// Backwards, the nearest to the position are the last ones.
		return List.copyOf(before != null ? entries.subList(entries.size() - limit, entries.size())
				: entries.subList(0, limit));
	}

	private static int unsigned(UUID a, UUID b) {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}

	/**
	 * One line of the firm's history: a document this module made ({@code document}) or one another module holds
	 * ({@code entry}, a collection's), whichever is not null.
	 */
	public record Line(Document document, fr.paraphe.shared.FirmDocumentSource.Entry entry) {

		/** When it was made (or its collection ended). */
		public Instant at() {
			return document != null ? document.createdAt() : entry.at();
		}

		/** The line's HTML id: a document's entry is linked to from its confirmation page. */
		public String anchor() {
			return document != null ? "document-" + document.id() : "collection-" + entry.id() + "-" + entry.number();
		}

	}

	/**
	 * A page of the history.
	 * @param first the position of the page's first line in the whole history, from 1
	 * @param total how many lines the whole history has
	 * @param next where the next page starts ({@link #page}'s {@code after}), null on the last page
	 * @param previous where this page starts, to read the page before it ({@link #pageBefore}'s {@code before}),
	 * null on the first page
	 */
	public record Page(List<Line> lines, long first, long total, String next, String previous) {
	}

	/** The most lines a page holds. */
	public static final int MAX_PAGE = 500;

	/**
	 * A page of the firm's history that {@code viewer} may see: this module's documents (unless
	 * {@code othersOnly}) and, when the search names no kind, the other modules' entries; newest first, and at one
	 * instant this module's documents first. Read in the database a page at a time (keyset: after the position
	 * where the previous page ended), never the whole history.
	 * @param after the previous page's {@link Page#next}, null (or anything unreadable) for the first page
	 * @param size lines per page, 1 to {@link #MAX_PAGE}
	 * @throws ProblemException 404 for a person without a firm
	 */
	@Transactional(readOnly = true)
	public Page page(UserId viewer, Search search, boolean othersOnly, String after, int size) {
		int limit = Math.max(1, Math.min(size, MAX_PAGE));
		DocumentStore.Scope scope = scope(viewer);
		Cursor cursor = Cursor.parse(after);
		boolean own = !othersOnly;
		boolean others = search.kind() == null;
		DocumentStore.Search query = new DocumentStore.Search(search.text(),
				search.kind() == null ? null : search.kind().name(), search.from(), search.to(), limit + 1);
		Instant now = clock.instant();
		List<Line> lines = new ArrayList<>();
		if (own) {
			store.page(scope, query, cursor == null ? null : cursor.at(), cursor == null ? null : cursor.ownId())
				.forEach(row -> lines.add(new Line(document(row, now), null)));
		}
		if (others) {
			others(viewer, scope.firm(), search, cursor == null ? null : cursor.position(), null, limit + 1)
				.forEach(entry -> lines.add(new Line(null, entry)));
		}
		// Both lists are in order: a stable sort merges them, this module's first at one instant.
		lines.sort(java.util.Comparator.comparing(Line::at).reversed()
			.thenComparing(line -> line.document() == null));
		long total = count(viewer, scope, search, query, own, others, null);
		long before = cursor == null ? 0 : total - count(viewer, scope, search, query, own, others, cursor);
		List<Line> page = lines.size() > limit ? List.copyOf(lines.subList(0, limit)) : List.copyOf(lines);
		String next = lines.size() > limit ? Cursor.of(page.get(page.size() - 1)).toString() : null;
		String previous = before > 0 && !page.isEmpty() ? Cursor.of(page.get(0)).toString() : null;
		return new Page(page, before + 1, total, next, previous);
	}

	/**
	 * The page just before the one that starts at {@code before} (a previous page's {@link Page#previous}), with
	 * the same search: the {@code size} lines before that position, read backwards in the database (keyset), in
	 * the history's order. When fewer than a page's lines are before it, or {@code before} is not a position
	 * (typed, tampered with), the first page.
	 * @throws ProblemException 404 for a person without a firm
	 */
	@Transactional(readOnly = true)
	public Page pageBefore(UserId viewer, Search search, boolean othersOnly, String before, int size) {
		int limit = Math.max(1, Math.min(size, MAX_PAGE));
		Cursor cursor = Cursor.parse(before);
		if (cursor == null) {
			return page(viewer, search, othersOnly, null, size);
		}
		DocumentStore.Scope scope = scope(viewer);
		boolean own = !othersOnly;
		boolean others = search.kind() == null;
		DocumentStore.Search query = new DocumentStore.Search(search.text(),
				search.kind() == null ? null : search.kind().name(), search.from(), search.to(), limit + 1);
		Instant now = clock.instant();
		List<Line> lines = new ArrayList<>();
		if (own) {
			store.pageBefore(scope, query, cursor.at(), cursor.ownId())
				.forEach(row -> lines.add(new Line(document(row, now), null)));
		}
		if (others) {
			others(viewer, scope.firm(), search, null, cursor.position(), limit + 1)
				.forEach(entry -> lines.add(new Line(null, entry)));
		}
		if (lines.size() <= limit) {
			// The beginning of the history: its first page, full even if lines were added since.
			return page(viewer, search, othersOnly, null, size);
		}
		lines.sort(java.util.Comparator.comparing(Line::at).reversed()
			.thenComparing(line -> line.document() == null));
		List<Line> page = List.copyOf(lines.subList(lines.size() - limit, lines.size()));
		long total = count(viewer, scope, search, query, own, others, null);
		long after = count(viewer, scope, search, query, own, others, Cursor.of(page.get(page.size() - 1)));
		return new Page(page, total - after - page.size() + 1, total, Cursor.of(page.get(page.size() - 1)).toString(),
				Cursor.of(page.get(0)).toString());
	}

	private long count(UserId viewer, DocumentStore.Scope scope, Search search, DocumentStore.Search query,
			boolean own, boolean others, Cursor after) {
		long count = own ? store.count(scope, query, after == null ? null : after.at(), after == null ? null : after.ownId())
				: 0;
		if (others) {
			fr.paraphe.shared.FirmDocumentSource.Query theirs = new fr.paraphe.shared.FirmDocumentSource.Query(
					search.text(), search.from(), search.to(), after == null ? null : after.position(), null, 0);
			count += sources.orderedStream().mapToLong(source -> source.count(viewer, scope.firm(), theirs)).sum();
		}
		return count;
	}

	/**
	 * Where a page ended, as the next page's link carries it: the last line's instant and either this module's
	 * document id ({@code D}) or another module's entry id and number ({@code E}).
	 */
	record Cursor(Instant at, UUID ownId, UUID entryId, int number) {

		/** For the other modules': every entry at that instant after one of this module's documents. */
		fr.paraphe.shared.FirmDocumentSource.Position position() {
			return new fr.paraphe.shared.FirmDocumentSource.Position(at, entryId, number);
		}

		static Cursor of(Line line) {
			return line.document() != null ? new Cursor(line.at(), line.document().id(), null, 0)
					: new Cursor(line.at(), null, line.entry().id(), line.entry().number());
		}

		@Override
		public String toString() {
			String instant = at.getEpochSecond() + "." + at.getNano();
			return ownId != null ? "D." + instant + "." + ownId : "E." + instant + "." + entryId + "." + number;
		}

		/** The cursor written by {@link #toString}, or null for anything else (typed, tampered with). */
		static Cursor parse(String text) {
			if (text == null || text.length() > 120) {
				return null;
			}
			String[] parts = text.split("\\.");
			try {
				if (parts.length == 4 && parts[0].equals("D")) {
					return new Cursor(instant(parts), UUID.fromString(parts[3]), null, 0);
				}
				if (parts.length == 5 && parts[0].equals("E")) {
					return new Cursor(instant(parts), null, UUID.fromString(parts[3]), Integer.parseInt(parts[4]));
				}
			}
			catch (RuntimeException unreadable) {
				// A position that is not one: the first page.
			}
			return null;
		}

		private static Instant instant(String[] parts) {
			return Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
		}

	}

	/**
	 * One document {@code viewer} may see. @throws ProblemException 404 for another firm's, one the viewer's
	 * delegations do not cover, or an unknown id
	 */
	@Transactional(readOnly = true)
	public Document find(UserId viewer, UUID id) {
		return store.find(scope(viewer), id)
			.map(row -> document(row, clock.instant()))
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "documents.notFound"));
	}

	/**
	 * The document {@code viewer} may see whose PDF has this SHA-256 (lowercase hex): how a page that just signed or
	 * sealed a PDF finds its entry. Empty when there is none in the viewer's scope.
	 */
	@Transactional(readOnly = true)
	public Optional<Document> findBySha256(UserId viewer, String sha256) {
		return store.findBySha256(scope(viewer), sha256).map(row -> document(row, clock.instant()));
	}

	/**
	 * The PDF of a document {@code viewer} may see, while it is retained.
	 * @throws ProblemException 404 as {@link #find}, 410 {@code documents.expired} once its retention ended
	 */
	@Transactional(readOnly = true)
	public byte[] pdf(UserId viewer, UUID id) {
		DocumentStore.Scope scope = scope(viewer);
		store.find(scope, id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "documents.notFound"));
		return store.document(scope.firm(), id, clock.instant())
			.orElseThrow(() -> new ProblemException(HttpStatus.GONE, "documents.expired"));
	}

	/** Whether the firm has signed or sealed anything yet (the home page's "Premiers pas"). */
	@Transactional(readOnly = true)
	public boolean any(FirmId firm) {
		return store.any(firm);
	}

	/**
	 * Records a document the firm made, in the caller's transaction (the one that charges it), with its PDF read
	 * from {@code pdf}.
	 */
	public void record(FirmId firm, UserId actor, Kind kind, Channel channel, String fileName, SignatureLevel level,
			boolean certified, Money price, Path pdf) {
		Instant now = clock.instant();
		try {
			store.insert(new DocumentStore.Row(UUID.randomUUID(), firm, kind.name(), channel.name(), actor,
					users.findById(actor).map(fr.paraphe.identity.User::displayName).orElse(""),
					fileName(fileName), level.name(), certified, price.cents(), fr.paraphe.signing.internal.SealReplays.sha256(pdf),
					Files.size(pdf), now, now.plus(retention()), null), pdf);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** As {@link #record(FirmId, UserId, Kind, Channel, String, SignatureLevel, boolean, Money, Path)}, from memory. */
	public void record(FirmId firm, UserId actor, Kind kind, Channel channel, String fileName, SignatureLevel level,
			boolean certified, Money price, byte[] pdf) {
		Instant now = clock.instant();
		store.insert(row(firm, actor, actorName(actor), kind, channel, level, certified, price, now,
				new Made(UUID.randomUUID(), fileName, pdf, fr.paraphe.shared.Sha256.hex(pdf))), pdf);
	}

	/** A document to record with others of one firm, actor and kind: its id, name, PDF and the PDF's SHA-256. */
	public record Made(UUID id, String fileName, byte[] pdf, String sha256) {
	}

	/** The name a document's entry shows for who made it (read once for a batch of documents). */
	public String actorName(UserId actor) {
		return users.findById(actor).map(fr.paraphe.identity.User::displayName).orElse("");
	}

	/**
	 * As {@link #record(FirmId, UserId, Kind, Channel, String, SignatureLevel, boolean, Money, byte[])} for several
	 * documents of one firm, actor and kind (a bulk job's batch), in one JDBC batch: their hashes and the actor's
	 * name as the caller has them, not computed or read again.
	 */
	public void recordAll(FirmId firm, UserId actor, String actorName, Kind kind, Channel channel, SignatureLevel level,
			boolean certified, Money price, List<Made> made) {
		Instant now = clock.instant();
		store.insertAll(made.stream()
			.map(document -> row(firm, actor, actorName, kind, channel, level, certified, price, now, document))
			.toList(), made.stream().map(Made::pdf).toList());
	}

	private DocumentStore.Row row(FirmId firm, UserId actor, String actorName, Kind kind, Channel channel,
			SignatureLevel level, boolean certified, Money price, Instant now, Made document) {
		return new DocumentStore.Row(document.id(), firm, kind.name(), channel.name(), actor, actorName,
				fileName(document.fileName()), level.name(), certified, price.cents(), document.sha256(),
				document.pdf().length, now, now.plus(retention()), null);
	}

	/**
	 * Drops the PDFs whose retention ended; their entries stay. Runs on one node at a time
	 * ({@link ClusterJobs}), every {@code paraphe.signing.documents.purge-interval} (an hour by default).
	 */
	@Scheduled(initialDelayString = "PT3M", fixedDelayString = "${paraphe.signing.documents.purge-interval:PT1H}")
	void purgeOnOneNode() {
		try {
			jobs.runOnce("signing-documents-purge", Duration.ofMinutes(5), Duration.ofMinutes(30), this::purge);
		}
		catch (RuntimeException failure) {
			log.warn("Purging expired documents failed; the next run will retry", failure);
		}
	}

	/** Drops the PDFs whose retention ended now. @return how many */
	public int purge() {
		int purged = store.purge(clock.instant());
		if (purged > 0) {
			log.info("Purged the PDF of {} document(s) past their retention", purged);
		}
		return purged;
	}

	private DocumentStore.Scope scope(UserId viewer) {
		Membership member = firms.membershipOf(viewer)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
		if (member.isOwner()) {
			return new DocumentStore.Scope(member.firm(), viewer, names(Kind.values()), List.of());
		}
		List<String> kinds = new ArrayList<>();
		if (member.may(Delegation.SEAL)) {
			kinds.addAll(names(Kind.SEAL, Kind.EXTENSION));
		}
		return new DocumentStore.Scope(member.firm(), viewer, kinds,
				member.may(Delegation.SIGN) ? names(Kind.SIGNATURE) : List.of());
	}

	private static List<String> names(Kind... kinds) {
		return java.util.Arrays.stream(kinds).map(Kind::name).toList();
	}

	private static Document document(DocumentStore.Row row, Instant now) {
		return new Document(row.id(), Kind.valueOf(row.kind()), Channel.valueOf(row.channel()), row.actorName(),
				row.fileName(), SignatureLevel.valueOf(row.level()), row.certified(), Money.ofCents(row.priceCents()),
				row.sha256(), row.size(), row.createdAt(), row.retainedUntil(),
				row.purgedAt() == null && row.retainedUntil().isAfter(now));
	}

	private static String fileName(String name) {
		String value = name == null || name.isBlank() ? "document.pdf" : name.strip();
		return value.length() > 255 ? value.substring(0, 255) : value;
	}

}
