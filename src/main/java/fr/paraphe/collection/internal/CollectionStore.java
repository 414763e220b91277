package fr.paraphe.collection.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tables {@code collection}, {@code collection_document}, {@code collection_signer}, {@code collection_place}
 * and {@code collection_event}. Every read of a collection for a firm takes the firm; reads by token or by id
 * alone serve the signers' links and the scheduled jobs.
 */
@Component
public class CollectionStore {

	private final JdbcClient jdbc;

	CollectionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The head of a collection, without documents and signers. */
	public record Head(UUID id, FirmId firm, String title, String message, CollectionStatus status,
			SigningOrder order, Instant deadline, List<Integer> reminderDays, boolean seal, UserId preparedBy,
			UserId launchedBy, String comment, Instant createdAt, Instant launchedAt, Instant endedAt,
			boolean documentsPurged) {
	}

	/** A signer row, with the reservation made at launch. */
	public record SignerRow(Collection.Signer signer, UUID collection, UUID reservationId, Long reservationCents,
			String certificate) {
	}

	/** A document's current version. */
	public record Version(int number, String fileName, byte[] pdf, int version, String sha256) {
	}

	public void insert(UUID id, FirmId firm, String title, String message, SigningOrder order, Instant deadline,
			List<Integer> reminderDays, boolean seal, UserId preparedBy, String createKey, Instant now) {
		jdbc.sql("INSERT INTO collection (id, firm_id, title, message, status, signing_order, deadline, reminder_days, "
				+ "seal, prepared_by, create_key, created_at, updated_at) VALUES (?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, firm.value(), title, message, order.name(), ts(deadline), days(reminderDays), seal,
					preparedBy.value(), createKey, ts(now), ts(now))
			.update();
	}

	public void insertDocument(UUID collection, int number, String fileName, byte[] pdf, String sha256) {
		jdbc.sql("INSERT INTO collection_document (id, collection_id, number, file_name, original, current_pdf, version, sha256) "
				+ "VALUES (?, ?, ?, ?, ?, ?, 1, ?)")
			.params(UUID.randomUUID(), collection, number, fileName, pdf, pdf, sha256)
			.update();
	}

	public void insertSigner(UUID collection, Collection.Signer signer) {
		jdbc.sql("INSERT INTO collection_signer (id, collection_id, position, step, kind, civility, given_name, surname, "
				+ "email, phone, user_id, channel, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'WAITING')")
			.params(signer.id(), collection, signer.position(), signer.step(), signer.kind().name(), signer.civility(),
					signer.givenName(), signer.surname(), signer.email(), signer.phone(),
					signer.userId() == null ? null : signer.userId().value(), signer.channel().name())
			.update();
		for (Place place : signer.places()) {
			jdbc.sql("INSERT INTO collection_place (signer_id, document_number, page, box_x, box_y, box_width, box_height) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
				.params(signer.id(), place.document(), place.page(), place.x(), place.y(), place.width(), place.height())
				.update();
		}
	}

	/** The collection of this firm with this id. */
	public Optional<Head> head(FirmId firm, UUID id) {
		return jdbc.sql("SELECT * FROM collection WHERE id = ? AND firm_id = ?").params(id, firm.value()).query(CollectionStore::head).optional();
	}

	/** The collection with this id, locked until the transaction ends; for the server's own work. */
	public Optional<Head> lock(UUID id) {
		return jdbc.sql("SELECT * FROM collection WHERE id = ? FOR UPDATE").param(id).query(CollectionStore::head).optional();
	}

	public Optional<Head> head(UUID id) {
		return jdbc.sql("SELECT * FROM collection WHERE id = ?").param(id).query(CollectionStore::head).optional();
	}

	/** The firm's collections, newest first, filtered (each null for any). */
	public List<Head> list(FirmId firm, CollectionStatus status, Instant from, Instant to, String search, int limit) {
		StringBuilder sql = new StringBuilder("SELECT * FROM collection c WHERE firm_id = :firm");
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("firm", firm.value());
		if (status != null) {
			sql.append(" AND status = :status");
			params.put("status", status.name());
		}
		if (from != null) {
			sql.append(" AND created_at >= :from");
			params.put("from", ts(from));
		}
		if (to != null) {
			sql.append(" AND created_at < :to");
			params.put("to", ts(to));
		}
		if (search != null && !search.isBlank()) {
			sql.append(" AND (LOWER(title) LIKE :search ESCAPE '\\' OR EXISTS (SELECT 1 FROM collection_signer s WHERE "
					+ "s.collection_id = c.id AND (LOWER(s.surname) LIKE :search ESCAPE '\\' OR LOWER(s.given_name) LIKE :search ESCAPE '\\' "
					+ "OR LOWER(s.email) LIKE :search ESCAPE '\\')))");
			params.put("search", "%" + search.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
				.replace("%", "\\%").replace("_", "\\_") + "%");
		}
		sql.append(" ORDER BY created_at DESC LIMIT :limit");
		params.put("limit", limit);
		return jdbc.sql(sql.toString()).params(params).query(CollectionStore::head).list();
	}

	/**
	 * One document of a launched collection in the firm's document history, with what the history shows of its
	 * collection; {@code at} is when the collection ended (or was launched, or created).
	 */
	public record HistoryRow(UUID collection, String title, CollectionStatus status, boolean documentsPurged,
			Instant endedAt, Instant at, int number, String fileName) {
	}

	/** When a collection's documents stand in the history: its end, else its launch, else its creation. */
	private static final String HISTORY_AT = "COALESCE(c.ended_at, c.launched_at, c.created_at)";

	/**
	 * The documents of the firm's launched collections matching the search, newest first (then by collection id
	 * and number), after the position ({@code afterAt}, {@code afterId}, {@code afterNumber}) when {@code afterAt}
	 * is set (with {@code afterId} null: every document at {@code afterAt} is after it), at most {@code limit}.
	 * {@code backwards}: the position is where a page began, and the documents are the {@code limit} just before
	 * it (newer, or at that instant before ({@code afterId}, {@code afterNumber}); with {@code afterId} null none at
	 * that instant), still newest first.
	 * @param text part of the title, the document's name, a signer's name or e-mail (lower case), null for any
	 */
	public List<HistoryRow> history(FirmId firm, String text, Instant from, Instant to, Instant afterAt, UUID afterId,
			int afterNumber, boolean backwards, int limit) {
		Map<String, Object> params = new java.util.HashMap<>();
		String where = historyWhere(firm, text, from, to, backwards ? null : afterAt, afterId, afterNumber, params);
		if (backwards && afterAt != null) {
			where += " AND (" + HISTORY_AT + " > :beforeAt";
			if (afterId != null) {
				where += " OR (" + HISTORY_AT
						+ " = :beforeAt AND (c.id < :beforeId OR (c.id = :beforeId AND d.number < :beforeNumber)))";
				params.put("beforeId", afterId);
				params.put("beforeNumber", afterNumber);
			}
			where += ")";
			params.put("beforeAt", ts(afterAt));
		}
		params.put("limit", limit);
		// Backwards, read nearest first (the order reversed), then put back in the history's order.
		List<HistoryRow> rows = jdbc.sql("SELECT c.id, c.title, c.status, c.documents_purged, c.ended_at, " + HISTORY_AT
				+ " AS history_at, d.number, d.file_name FROM collection_document d JOIN collection c ON c.id = d.collection_id WHERE "
				+ where + (backwards ? " ORDER BY history_at, c.id DESC, d.number DESC" : " ORDER BY history_at DESC, c.id, d.number")
				+ " LIMIT :limit")
			.params(params)
			.query((rs, row) -> new HistoryRow(rs.getObject("id", UUID.class), rs.getString("title"),
					CollectionStatus.valueOf(rs.getString("status")), rs.getBoolean("documents_purged"),
					instant(rs, "ended_at"), instant(rs, "history_at"), rs.getInt("number"), rs.getString("file_name")))
			.list();
		if (backwards) {
			rows = new ArrayList<>(rows);
			java.util.Collections.reverse(rows);
		}
		return rows;
	}

	/** How many documents {@link #history} would give without a limit. */
	public long historyCount(FirmId firm, String text, Instant from, Instant to, Instant afterAt, UUID afterId,
			int afterNumber) {
		Map<String, Object> params = new java.util.HashMap<>();
		String where = historyWhere(firm, text, from, to, afterAt, afterId, afterNumber, params);
		return jdbc.sql("SELECT COUNT(*) FROM collection_document d JOIN collection c ON c.id = d.collection_id WHERE "
				+ where)
			.params(params)
			.query(Long.class)
			.single();
	}

	private static String historyWhere(FirmId firm, String text, Instant from, Instant to, Instant afterAt,
			UUID afterId, int afterNumber, Map<String, Object> params) {
		StringBuilder where = new StringBuilder("c.firm_id = :firm AND c.status <> 'DRAFT'");
		params.put("firm", firm.value());
		if (from != null) {
			where.append(" AND ").append(HISTORY_AT).append(" >= :from");
			params.put("from", ts(from));
		}
		if (to != null) {
			where.append(" AND ").append(HISTORY_AT).append(" < :to");
			params.put("to", ts(to));
		}
		if (text != null) {
			// As the history showed them: the title, the document's name, each signer's name as shown, the e-mails.
			where.append(" AND (LOWER(c.title) LIKE :text ESCAPE '\\' OR LOWER(d.file_name) LIKE :text ESCAPE '\\'")
				.append(" OR EXISTS (SELECT 1 FROM collection_signer s WHERE s.collection_id = c.id AND (LOWER(CONCAT_WS(' ',")
				.append(" NULLIF(TRIM(s.civility), ''), s.given_name, s.surname)) LIKE :text ESCAPE '\\'")
				.append(" OR LOWER(s.email) LIKE :text ESCAPE '\\')))");
			params.put("text", "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (afterAt != null) {
			where.append(" AND (").append(HISTORY_AT).append(" < :afterAt OR ").append(HISTORY_AT).append(" = :afterAt");
			if (afterId != null) {
				where.append(" AND (c.id > :afterId OR (c.id = :afterId AND d.number > :afterNumber))");
				params.put("afterId", afterId);
				params.put("afterNumber", afterNumber);
			}
			where.append(")");
			params.put("afterAt", ts(afterAt));
		}
		return where.toString();
	}

	/** The signers of these collections (names as shown, and whether each signed), in order, by collection. */
	public Map<UUID, List<Collection.Signer>> signersOf(java.util.Collection<UUID> collections) {
		if (collections.isEmpty()) {
			return Map.of();
		}
		Map<UUID, List<Collection.Signer>> signers = new java.util.LinkedHashMap<>();
		jdbc.sql("SELECT * FROM collection_signer WHERE collection_id IN (:ids) ORDER BY collection_id, position")
			.param("ids", List.copyOf(collections))
			.query((rs, row) -> Map.entry(rs.getObject("collection_id", UUID.class), signer(rs, Map.of()).signer()))
			.list()
			.forEach(entry -> signers.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
		return signers;
	}

	public List<Collection.Document> documents(UUID collection) {
		return jdbc.sql("SELECT number, file_name, version, sha256 FROM collection_document WHERE collection_id = ? ORDER BY number")
			.param(collection)
			.query((rs, row) -> new Collection.Document(rs.getInt("number"), rs.getString("file_name"), rs.getInt("version"),
					rs.getString("sha256")))
			.list();
	}

	/** A document's current version, if not purged. */
	public Optional<Version> current(UUID collection, int number) {
		return jdbc.sql("SELECT number, file_name, current_pdf, version, sha256 FROM collection_document "
				+ "WHERE collection_id = ? AND number = ? AND current_pdf IS NOT NULL")
			.params(collection, number)
			.query((rs, row) -> new Version(rs.getInt("number"), rs.getString("file_name"), rs.getBytes("current_pdf"),
					rs.getInt("version"), rs.getString("sha256")))
			.optional();
	}

	/** A document as uploaded, if not purged: what the signers read. */
	public Optional<byte[]> original(UUID collection, int number) {
		return jdbc.sql("SELECT original FROM collection_document WHERE collection_id = ? AND number = ? AND original IS NOT NULL")
			.params(collection, number)
			.query(byte[].class)
			.optional();
	}

	/** The stable id of a document, for its page pictures. */
	public Optional<UUID> documentId(UUID collection, int number) {
		return jdbc.sql("SELECT id FROM collection_document WHERE collection_id = ? AND number = ?")
			.params(collection, number)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Replaces the document's current version if it is still {@code version} (compare and set): false if another
	 * signature came first, and the caller signs the newer version.
	 */
	public boolean replace(UUID collection, int number, int version, byte[] pdf, String sha256) {
		return jdbc.sql("UPDATE collection_document SET current_pdf = ?, version = version + 1, sha256 = ? "
				+ "WHERE collection_id = ? AND number = ? AND version = ?")
			.params(pdf, sha256, collection, number, version)
			.update() == 1;
	}

	public List<SignerRow> signers(UUID collection) {
		Map<UUID, List<Place>> places = places(collection);
		return jdbc.sql("SELECT * FROM collection_signer WHERE collection_id = ? ORDER BY position")
			.param(collection)
			.query((rs, row) -> signer(rs, places))
			.list();
	}

	/** The signer whose link's token hashes to {@code tokenHash}. */
	public Optional<SignerRow> signerByToken(String tokenHash) {
		return jdbc.sql("SELECT collection_id, id FROM collection_signer WHERE token_hash = ? OR download_hash = ?")
			.params(tokenHash, tokenHash)
			.query((rs, row) -> Map.entry(rs.getObject("collection_id", UUID.class), rs.getObject("id", UUID.class)))
			.optional()
			.flatMap(found -> signers(found.getKey()).stream()
				.filter(row -> row.signer().id().equals(found.getValue()))
				.findFirst());
	}

	public String launchKey(UUID collection) {
		return jdbc.sql("SELECT launch_key FROM collection WHERE id = ?").param(collection).query(String.class).optional().orElse(null);
	}

	/**
	 * Claims the completion of a collection whose signers all signed (one node, one request at a time): false if
	 * it is not in progress, not all signed, or claimed less than ten minutes ago.
	 */
	public boolean claimCompletion(UUID collection, Instant now) {
		return jdbc.sql("UPDATE collection SET completing_at = ? WHERE id = ? AND status = 'IN_PROGRESS' "
				+ "AND (completing_at IS NULL OR completing_at < ?) AND NOT EXISTS (SELECT 1 FROM collection_signer s "
				+ "WHERE s.collection_id = collection.id AND s.status <> 'SIGNED')")
			.params(ts(now), collection, ts(now.minus(java.time.Duration.ofMinutes(10))))
			.update() == 1;
	}

	/** In-progress collections whose signers all signed: completions to do (again, after a crash). */
	public List<UUID> allSigned(int limit) {
		return jdbc.sql("SELECT c.id FROM collection c WHERE c.status = 'IN_PROGRESS' AND NOT EXISTS (SELECT 1 FROM "
				+ "collection_signer s WHERE s.collection_id = c.id AND s.status <> 'SIGNED') LIMIT ?")
			.param(limit)
			.query(UUID.class)
			.list();
	}

	/** Whether a timeline entry of this type exists for this signer. */
	public boolean hasEvent(UUID collection, UUID signer, String type) {
		return jdbc.sql("SELECT COUNT(*) FROM collection_event WHERE collection_id = ? AND signer_id = ? AND type = ?")
			.params(collection, signer, type)
			.query(Integer.class)
			.single() > 0;
	}

	/** The link of a completed collection's e-mail: the signing link keeps working, and opens the same page. */
	public void relink(UUID signer, String tokenHash) {
		jdbc.sql("UPDATE collection_signer SET download_hash = ? WHERE id = ?").params(tokenHash, signer).update();
	}

	/** The ids of the in-progress collections where this user is a member signer not finished. */
	public List<UUID> openForMember(UserId user) {
		return jdbc.sql("SELECT s.collection_id FROM collection_signer s JOIN collection c ON c.id = s.collection_id "
				+ "WHERE s.user_id = ? AND c.status = 'IN_PROGRESS' AND s.status IN ('WAITING', 'INVITED') ORDER BY c.launched_at")
			.param(user.value())
			.query(UUID.class)
			.list();
	}

	private Map<UUID, List<Place>> places(UUID collection) {
		return jdbc.sql("SELECT p.* FROM collection_place p JOIN collection_signer s ON s.id = p.signer_id "
				+ "WHERE s.collection_id = ? ORDER BY p.document_number, p.page")
			.param(collection)
			.query((rs, row) -> Map.entry(rs.getObject("signer_id", UUID.class),
					new Place(rs.getInt("document_number"), rs.getInt("page"), rs.getFloat("box_x"), rs.getFloat("box_y"),
							rs.getFloat("box_width"), rs.getFloat("box_height"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	/** Replaces a signer's place on one document (null: none). */
	public void replacePlace(UUID signer, int document, Place place, Instant now) {
		jdbc.sql("DELETE FROM collection_place WHERE signer_id = ? AND document_number = ?").params(signer, document).update();
		if (place != null) {
			addPlace(signer, document, place);
		}
	}

	/** One more place of the signer on the document. */
	public void addPlace(UUID signer, int document, Place place) {
		jdbc.sql("INSERT INTO collection_place (signer_id, document_number, page, box_x, box_y, box_width, box_height) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(signer, document, place.page(), place.x(), place.y(), place.width(), place.height())
			.update();
	}

	/** Marks a draft as used now (its retention counts from its last change). */
	public void touch(UUID collection, Instant now) {
		jdbc.sql("UPDATE collection SET updated_at = ? WHERE id = ?").params(ts(now), collection).update();
	}

	public void setStatus(UUID id, CollectionStatus status, String comment, Instant now) {
		jdbc.sql("UPDATE collection SET status = ?, comment = COALESCE(?, comment), updated_at = ?, "
				+ "ended_at = CASE WHEN ? THEN ? ELSE ended_at END WHERE id = ?")
			.params(status.name(), comment, ts(now), status.ended(), ts(now), id)
			.update();
	}

	/** A draft sent back to its preparer with the launcher's comment. */
	public void sendBack(UUID id, String comment, Instant now) {
		jdbc.sql("UPDATE collection SET comment = ?, updated_at = ? WHERE id = ?").params(comment, ts(now), id).update();
	}

	public void launched(UUID id, UserId launcher, Instant deadline, String launchKey, Instant now) {
		jdbc.sql("UPDATE collection SET status = 'IN_PROGRESS', launched_by = ?, deadline = ?, launch_key = ?, "
				+ "launched_at = ?, updated_at = ? WHERE id = ?")
			.params(launcher.value(), ts(deadline), launchKey, ts(now), ts(now), id)
			.update();
	}

	public void reserved(UUID signer, UUID reservation, long cents) {
		jdbc.sql("UPDATE collection_signer SET reservation_id = ?, reservation_cents = ? WHERE id = ?")
			.params(reservation, cents, signer)
			.update();
	}

	/** Invites a signer with a new link (the old one stops working). */
	public void invite(UUID signer, String tokenHash, Instant now) {
		jdbc.sql("UPDATE collection_signer SET status = 'INVITED', token_hash = ?, invited_at = COALESCE(invited_at, ?) WHERE id = ?")
			.params(tokenHash, ts(now), signer)
			.update();
	}

	public void reminded(UUID signer, String tokenHash, Instant now) {
		jdbc.sql("UPDATE collection_signer SET token_hash = ?, reminded_at = ?, reminders = reminders + 1 WHERE id = ?")
			.params(tokenHash, ts(now), signer)
			.update();
	}

	public int reminders(UUID signer) {
		return jdbc.sql("SELECT reminders FROM collection_signer WHERE id = ?").param(signer).query(Integer.class).single();
	}

	public void consented(UUID signer, Instant now) {
		jdbc.sql("UPDATE collection_signer SET consented_at = COALESCE(consented_at, ?) WHERE id = ?").params(ts(now), signer).update();
	}

	/** Marks a signer finished, once: false if they already were. */
	public boolean finish(UUID signer, SignerStatus status, String reason, String certificate, Instant now) {
		return jdbc.sql("UPDATE collection_signer SET status = ?, decline_reason = ?, certificate = ?, finished_at = ? "
				+ "WHERE id = ? AND status = 'INVITED'")
			.params(status.name(), reason, certificate, ts(now), signer)
			.update() == 1;
	}

	/** Locks the signer's row until the transaction ends: one signature at a time per signer. */
	public Optional<SignerStatus> lockSigner(UUID signer) {
		return jdbc.sql("SELECT status FROM collection_signer WHERE id = ? FOR UPDATE")
			.param(signer)
			.query(String.class)
			.optional()
			.map(SignerStatus::valueOf);
	}

	public void event(UUID collection, UUID signer, String type, String detail, Instant at) {
		jdbc.sql("INSERT INTO collection_event (id, collection_id, signer_id, type, detail, at) VALUES (?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), collection, signer, type, detail == null || detail.length() <= 1000 ? detail
					: detail.substring(0, 1000), ts(at))
			.update();
	}

	/** A timeline entry. */
	public record Event(UUID signer, String type, String detail, Instant at) {
	}

	public List<Event> timeline(UUID collection) {
		return jdbc.sql("SELECT signer_id, type, detail, at FROM collection_event WHERE collection_id = ? ORDER BY at, type")
			.param(collection)
			.query((rs, row) -> new Event(rs.getObject("signer_id", UUID.class), rs.getString("type"),
					rs.getString("detail"), rs.getTimestamp("at").toInstant()))
			.list();
	}

	public Optional<UUID> byCreateKey(FirmId firm, String key) {
		return jdbc.sql("SELECT id FROM collection WHERE firm_id = ? AND create_key = ?").params(firm.value(), key).query(UUID.class).optional();
	}

	/** In-progress collections whose deadline has passed. */
	public List<UUID> pastDeadline(Instant now, int limit) {
		return jdbc.sql("SELECT id FROM collection WHERE status = 'IN_PROGRESS' AND deadline <= ? ORDER BY deadline LIMIT ?")
			.params(ts(now), limit)
			.query(UUID.class)
			.list();
	}

	/** Invited signers of in-progress collections: for the reminders job. */
	public List<UUID> invitedInProgress(int limit) {
		return jdbc.sql("SELECT s.collection_id FROM collection_signer s JOIN collection c ON c.id = s.collection_id "
				+ "WHERE c.status = 'IN_PROGRESS' AND s.status = 'INVITED' GROUP BY s.collection_id LIMIT ?")
			.param(limit)
			.query(UUID.class)
			.list();
	}

	/** Deletes the documents (both versions) of collections ended before {@code before}; keeps the rest. */
	public List<UUID> endedWithDocumentsBefore(Instant before, int limit) {
		return jdbc.sql("SELECT id FROM collection WHERE ended_at < ? AND documents_purged = FALSE LIMIT ?")
			.params(ts(before), limit)
			.query(UUID.class)
			.list();
	}

	public void purgeDocuments(UUID collection) {
		jdbc.sql("UPDATE collection_document SET original = NULL, current_pdf = NULL WHERE collection_id = ?").param(collection).update();
		jdbc.sql("UPDATE collection_attachment SET content = NULL WHERE collection_id = ?").param(collection).update();
		jdbc.sql("UPDATE collection SET documents_purged = TRUE WHERE id = ?").param(collection).update();
	}

	/** Drafts not touched since {@code before}. */
	public List<UUID> unusedDrafts(Instant before, int limit) {
		return jdbc.sql("SELECT id FROM collection WHERE status = 'DRAFT' AND updated_at < ? LIMIT ?")
			.params(ts(before), limit)
			.query(UUID.class)
			.list();
	}

	public void delete(UUID collection) {
		jdbc.sql("DELETE FROM collection WHERE id = ?").param(collection).update();
	}

	private static SignerRow signer(ResultSet rs, Map<UUID, List<Place>> places) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		UUID user = rs.getObject("user_id", UUID.class);
		Collection.Signer signer = new Collection.Signer(id, rs.getInt("position"), rs.getInt("step"),
				SignerKind.valueOf(rs.getString("kind")), rs.getString("civility"), rs.getString("given_name"),
				rs.getString("surname"), rs.getString("email"), rs.getString("phone"), user == null ? null : new UserId(user),
				Channel.valueOf(rs.getString("channel")), SignerStatus.valueOf(rs.getString("status")),
				instant(rs, "invited_at"), instant(rs, "reminded_at"), instant(rs, "finished_at"),
				rs.getString("decline_reason"), List.copyOf(places.getOrDefault(id, List.of())));
		long cents = rs.getLong("reservation_cents");
		return new SignerRow(signer, rs.getObject("collection_id", UUID.class), rs.getObject("reservation_id", UUID.class),
				rs.wasNull() ? null : cents, rs.getString("certificate"));
	}

	private static Head head(ResultSet rs, int row) throws SQLException {
		UUID launcher = rs.getObject("launched_by", UUID.class);
		return new Head(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
				rs.getString("title"), rs.getString("message"), CollectionStatus.valueOf(rs.getString("status")),
				SigningOrder.valueOf(rs.getString("signing_order")), instant(rs, "deadline"),
				days(rs.getString("reminder_days")), rs.getBoolean("seal"),
				new UserId(rs.getObject("prepared_by", UUID.class)), launcher == null ? null : new UserId(launcher),
				rs.getString("comment"), instant(rs, "created_at"), instant(rs, "launched_at"), instant(rs, "ended_at"),
				rs.getBoolean("documents_purged"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static String days(List<Integer> days) {
		return days.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private static List<Integer> days(String stored) {
		if (stored == null || stored.isBlank()) {
			return List.of();
		}
		List<Integer> days = new ArrayList<>();
		Arrays.stream(stored.split(",")).map(String::strip).map(Integer::valueOf).forEach(days::add);
		return List.copyOf(days);
	}

}
