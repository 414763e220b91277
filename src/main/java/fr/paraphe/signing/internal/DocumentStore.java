package fr.paraphe.signing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.stereotype.Component;

/**
 * The table {@code signing_document}: the firm's signed, sealed and extended documents, each row the history of one
 * document and, until its retention ends, the PDF itself.
 */
@Component
public class DocumentStore {

	/** A row without the PDF. {@code kind} and {@code channel} are the names of the API's enums. */
	public record Row(UUID id, FirmId firm, String kind, String channel, UserId actor, String actorName,
			String fileName, String level, boolean certified, long priceCents, String sha256, long size,
			Instant createdAt, Instant retainedUntil, Instant purgedAt) {
	}

	/**
	 * Which rows a person may see: their firm's, of these kinds, and of {@code ownKinds} only theirs.
	 * @param kinds the kinds seen whoever made them
	 * @param ownKinds the kinds seen when {@code viewer} made them
	 */
	public record Scope(FirmId firm, UserId viewer, List<String> kinds, List<String> ownKinds) {
	}

	/**
	 * What a search asks for besides the scope.
	 * @param text part of the file name or of the actor's name (case-insensitive), null for any
	 * @param kind null for any
	 * @param from inclusive, null for no bound
	 * @param to exclusive, null for no bound
	 */
	public record Search(String text, String kind, Instant from, Instant to, int limit) {
	}

	private static final String COLUMNS = "id, firm_id, kind, channel, actor_id, actor_name, file_name, level, certified, "
			+ "price_cents, sha256, size_bytes, created_at, retained_until, purged_at";

	private static final String INSERT = "INSERT INTO signing_document (" + COLUMNS
			+ ", document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	DocumentStore(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/** Records a document and its PDF, read from {@code pdf} as a stream (never whole in memory). */
	public void insert(Row row, Path pdf) {
		try (InputStream in = Files.newInputStream(pdf)) {
			insert(row, new SqlBinaryValue(in, Files.size(pdf)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Records a document and its PDF, already in memory (a bulk job's, read from its own table). */
	public void insert(Row row, byte[] pdf) {
		insert(row, new SqlBinaryValue(pdf));
	}

	/** Records documents and their PDFs, already in memory (a bulk job's batch), in one JDBC batch. */
	public void insertAll(List<Row> rows, List<byte[]> pdfs) {
		List<Object[]> values = new ArrayList<>(rows.size());
		for (int n = 0; n < rows.size(); n++) {
			Row row = rows.get(n);
			values.add(new Object[] { row.id(), row.firm().value(), row.kind(), row.channel(), row.actor().value(),
					row.actorName(), row.fileName(), row.level(), row.certified(), row.priceCents(), row.sha256(),
					row.size(), Timestamp.from(row.createdAt()), Timestamp.from(row.retainedUntil()), null,
					new SqlBinaryValue(pdfs.get(n)) });
		}
		if (!values.isEmpty()) {
			batches.batchUpdate(INSERT, values);
		}
	}

	private void insert(Row row, SqlBinaryValue pdf) {
		jdbc.sql(INSERT)
			.params(row.id(), row.firm().value(), row.kind(), row.channel(), row.actor().value(), row.actorName(),
					row.fileName(), row.level(), row.certified(), row.priceCents(), row.sha256(), row.size(),
					Timestamp.from(row.createdAt()), Timestamp.from(row.retainedUntil()), null, pdf)
			.update();
	}

	/** The rows in scope matching the search, newest first. */
	public List<Row> search(Scope scope, Search search) {
		return page(scope, search, null, null);
	}

	/**
	 * As {@link #search}, only the rows after a position: older than {@code afterAt} or, at that instant, after
	 * {@code afterId} (with {@code afterId} null, none at that instant: the position is another module's entry,
	 * which comes after this module's documents of the same instant). Newest first, then by id.
	 */
	public List<Row> page(Scope scope, Search search, Instant afterAt, UUID afterId) {
		List<Object> params = new ArrayList<>();
		String where = filters(scope, search, afterAt, afterId, params);
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_document WHERE " + where
				+ " ORDER BY created_at DESC, id LIMIT " + Math.max(1, Math.min(search.limit(), 10_000)))
			.params(params)
			.query(DocumentStore::row)
			.list();
	}

	/**
	 * The rows just before a position, a page backwards: newer than {@code beforeAt} or, at that instant, before
	 * {@code beforeId} (with {@code beforeId} null, every row at that instant: the position is another module's
	 * entry, which comes after this module's documents of the same instant); at most the search's limit, the
	 * nearest to the position, in the history's order (newest first, then by id).
	 */
	public List<Row> pageBefore(Scope scope, Search search, Instant beforeAt, UUID beforeId) {
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder(filters(scope, search, null, null, params));
		where.append(beforeId == null ? " AND created_at >= ?" : " AND (created_at > ? OR (created_at = ? AND id < ?))");
		params.add(Timestamp.from(beforeAt));
		if (beforeId != null) {
			params.add(Timestamp.from(beforeAt));
			params.add(beforeId);
		}
		List<Row> rows = new ArrayList<>(jdbc.sql("SELECT " + COLUMNS + " FROM signing_document WHERE " + where
				+ " ORDER BY created_at, id DESC LIMIT " + Math.max(1, Math.min(search.limit(), 10_000)))
			.params(params)
			.query(DocumentStore::row)
			.list());
		java.util.Collections.reverse(rows);
		return rows;
	}

	/** How many rows {@link #page} would give without a limit. */
	public long count(Scope scope, Search search, Instant afterAt, UUID afterId) {
		List<Object> params = new ArrayList<>();
		String where = filters(scope, search, afterAt, afterId, params);
		return jdbc.sql("SELECT COUNT(*) FROM signing_document WHERE " + where)
			.params(params)
			.query(Long.class)
			.single();
	}

	private static String filters(Scope scope, Search search, Instant afterAt, UUID afterId, List<Object> params) {
		StringBuilder sql = new StringBuilder(where(scope, params));
		if (search.text() != null && !search.text().isBlank()) {
			String like = "%" + search.text().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
				.replace("_", "\\_") + "%";
			sql.append(" AND (LOWER(file_name) LIKE ? ESCAPE '\\' OR LOWER(actor_name) LIKE ? ESCAPE '\\')");
			params.add(like);
			params.add(like);
		}
		if (search.kind() != null) {
			sql.append(" AND kind = ?");
			params.add(search.kind());
		}
		if (search.from() != null) {
			sql.append(" AND created_at >= ?");
			params.add(Timestamp.from(search.from()));
		}
		if (search.to() != null) {
			sql.append(" AND created_at < ?");
			params.add(Timestamp.from(search.to()));
		}
		if (afterAt != null) {
			sql.append(" AND (created_at < ?");
			params.add(Timestamp.from(afterAt));
			if (afterId != null) {
				sql.append(" OR (created_at = ? AND id > ?)");
				params.add(Timestamp.from(afterAt));
				params.add(afterId);
			}
			sql.append(")");
		}
		return sql.toString();
	}

	/** One row in scope; empty for another firm's, one out of scope, or an unknown id. */
	public Optional<Row> find(Scope scope, UUID id) {
		List<Object> params = new ArrayList<>();
		String where = where(scope, params);
		params.add(id);
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_document WHERE " + where + " AND id = ?")
			.params(params)
			.query(DocumentStore::row)
			.optional();
	}

	/** The row in scope of the document whose PDF has this SHA-256 (hex), newest first if several. */
	public Optional<Row> findBySha256(Scope scope, String sha256) {
		List<Object> params = new ArrayList<>();
		String where = where(scope, params);
		params.add(sha256);
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_document WHERE " + where
				+ " AND sha256 = ? ORDER BY created_at DESC, id LIMIT 1")
			.params(params)
			.query(DocumentStore::row)
			.optional();
	}

	/** The PDF of a row still retained at {@code now}; empty once purged or past its retention. */
	public Optional<byte[]> document(FirmId firm, UUID id, Instant now) {
		return jdbc.sql("SELECT document FROM signing_document WHERE firm_id = ? AND id = ? AND document IS NOT NULL "
				+ "AND retained_until > ?")
			.params(firm.value(), id, Timestamp.from(now))
			.query(byte[].class)
			.optional();
	}

	/** Whether the firm has any document. */
	public boolean any(FirmId firm) {
		return jdbc.sql("SELECT COUNT(*) FROM signing_document WHERE firm_id = ?")
			.param(firm.value())
			.query(Long.class)
			.single() > 0;
	}

	/** Drops the PDFs whose retention ended before {@code now}; the rows stay. @return how many */
	public int purge(Instant now) {
		return jdbc.sql("UPDATE signing_document SET document = NULL, purged_at = ? WHERE retained_until <= ? "
				+ "AND purged_at IS NULL")
			.params(Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	private static String where(Scope scope, List<Object> params) {
		StringBuilder where = new StringBuilder("firm_id = ? AND (1 = 0");
		params.add(scope.firm().value());
		if (!scope.kinds().isEmpty()) {
			where.append(" OR kind IN (").append(String.join(", ", scope.kinds().stream().map(k -> "?").toList())).append(")");
			params.addAll(scope.kinds());
		}
		if (!scope.ownKinds().isEmpty()) {
			where.append(" OR (actor_id = ? AND kind IN (")
				.append(String.join(", ", scope.ownKinds().stream().map(k -> "?").toList()))
				.append("))");
			params.add(scope.viewer().value());
			params.addAll(scope.ownKinds());
		}
		return where.append(")").toString();
	}

	private static Row row(ResultSet rs, int number) throws SQLException {
		Timestamp purged = rs.getTimestamp("purged_at");
		return new Row(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
				rs.getString("kind"), rs.getString("channel"), new UserId(rs.getObject("actor_id", UUID.class)),
				rs.getString("actor_name"), rs.getString("file_name"), rs.getString("level"),
				rs.getBoolean("certified"), rs.getLong("price_cents"), rs.getString("sha256"), rs.getLong("size_bytes"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("retained_until").toInstant(),
				purged == null ? null : purged.toInstant());
	}

}
