package fr.paraphe.signing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.FirmId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.stereotype.Component;

/**
 * The tables of bulk sealing jobs ({@code seal_job}, {@code seal_job_document}): a job's settings, and each
 * document's source, lease, result and error. See the migration V2026_12_02_50 for the states.
 */
@Component
public class SealJobStore {

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	SealJobStore(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/** A job's settings and state. */
	public record Job(UUID id, FirmId firm, UUID actor, String channel, String idempotencyKey, String fingerprint,
			String level, String reason, boolean certify, boolean visible, Integer boxPage, Float boxX, Float boxY,
			Float boxWidth, Float boxHeight, String status, int total, long priceCents, Instant createdAt,
			Instant finishedAt, Instant expiresAt, boolean purged) {
	}

	/** A document of a job, without its bytes. */
	public record Document(UUID job, int index, String fileName, String sourceSha256, String status,
			UUID reservation, int attempts, String sealedSha256, String serial, String errorKey, Instant sealedAt) {
	}

	/** A claimed document: its lease token and its source bytes. */
	public record Claimed(UUID job, int index, UUID token, String fileName, UUID reservation, int attempts,
			byte[] source) {
	}

	/** How a job's documents stand. */
	public record Counts(int pending, int sealed, int failed) {
	}

	public void insertJob(Job job) {
		jdbc.sql("""
				INSERT INTO seal_job (id, firm_id, actor_id, channel, idempotency_key, fingerprint, level, reason, certify,
				  visible, box_page, box_x, box_y, box_width, box_height, status, total, price_cents, created_at, expires_at)
				VALUES (:id, :firm, :actor, :channel, :key, :fingerprint, :level, :reason, :certify, :visible, :page, :x, :y,
				  :width, :height, :status, :total, :price, :created, :expires)""")
			.param("id", job.id())
			.param("firm", job.firm().value())
			.param("actor", job.actor())
			.param("channel", job.channel())
			.param("key", job.idempotencyKey())
			.param("fingerprint", job.fingerprint())
			.param("level", job.level())
			.param("reason", job.reason())
			.param("certify", job.certify())
			.param("visible", job.visible())
			.param("page", job.boxPage())
			.param("x", job.boxX())
			.param("y", job.boxY())
			.param("width", job.boxWidth())
			.param("height", job.boxHeight())
			.param("status", job.status())
			.param("total", job.total())
			.param("price", job.priceCents())
			.param("created", Timestamp.from(job.createdAt()))
			.param("expires", Timestamp.from(job.expiresAt()))
			.update();
	}

	/** A job's document as uploaded, to insert: its name, source, source SHA-256 and reservation. */
	public record Upload(String fileName, byte[] source, String sourceSha256, UUID reservation) {
	}

	/** Inserts a job's documents, pending, numbered from 0 in order, in one JDBC batch. */
	public void insertDocuments(UUID job, List<Upload> uploads) {
		List<Object[]> rows = new ArrayList<>(uploads.size());
		for (int index = 0; index < uploads.size(); index++) {
			Upload upload = uploads.get(index);
			rows.add(new Object[] { job, index, upload.fileName(), new SqlBinaryValue(upload.source()),
					upload.sourceSha256(), upload.reservation() });
		}
		batches.batchUpdate("""
				INSERT INTO seal_job_document (job_id, idx, file_name, source, source_sha256, status, reservation_id, attempts)
				VALUES (?, ?, ?, ?, ?, 'PENDING', ?, 0)""", rows);
	}

	public void updatePrice(UUID job, long priceCents) {
		jdbc.sql("UPDATE seal_job SET price_cents = :price WHERE id = :id").param("price", priceCents).param("id", job).update();
	}

	public Optional<Job> job(UUID id) {
		return jdbc.sql("SELECT * FROM seal_job WHERE id = :id").param("id", id).query(SealJobStore::job).optional();
	}

	public Optional<Job> jobByKey(FirmId firm, String idempotencyKey) {
		return jdbc.sql("SELECT * FROM seal_job WHERE firm_id = :firm AND idempotency_key = :key")
			.param("firm", firm.value())
			.param("key", idempotencyKey)
			.query(SealJobStore::job)
			.optional();
	}

	public List<Document> documents(UUID job) {
		return jdbc.sql("""
				SELECT job_id, idx, file_name, source_sha256, status, reservation_id, attempts, sealed_sha256, serial,
				  error_key, sealed_at FROM seal_job_document WHERE job_id = :job ORDER BY idx""")
			.param("job", job)
			.query((rs, n) -> new Document(rs.getObject("job_id", UUID.class), rs.getInt("idx"),
					rs.getString("file_name"), rs.getString("source_sha256"), rs.getString("status"),
					rs.getObject("reservation_id", UUID.class), rs.getInt("attempts"), rs.getString("sealed_sha256"),
					rs.getString("serial"), rs.getString("error_key"), instant(rs, "sealed_at")))
			.list();
	}

	/** Whether any document of the job is still pending (leased or not). */
	public boolean anyPending(UUID job) {
		return jdbc.sql("SELECT idx FROM seal_job_document WHERE job_id = :job AND status = 'PENDING' LIMIT 1")
			.param("job", job)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	public Counts counts(UUID job) {
		return jdbc.sql("""
				SELECT COALESCE(SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END), 0) AS pending,
				  COALESCE(SUM(CASE WHEN status = 'SEALED' THEN 1 ELSE 0 END), 0) AS sealed,
				  COALESCE(SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END), 0) AS failed
				FROM seal_job_document WHERE job_id = :job""")
			.param("job", job)
			.query((rs, n) -> new Counts(rs.getInt("pending"), rs.getInt("sealed"), rs.getInt("failed")))
			.single();
	}

	/**
	 * Claims up to {@code limit} pending documents whose lease is free or expired and leases them to {@code token}
	 * until {@code until}: {@code FOR UPDATE SKIP LOCKED}, so that threads and nodes claiming at once take
	 * different documents. In the caller's transaction, which should be short.
	 */
	public List<Claimed> claim(UUID token, Instant now, Instant until, int limit) {
		// No ORDER BY: to sort, H2 reads and locks EVERY matching row (all the pending documents of all the jobs)
		// before it keeps the first ones, so that a claim made meanwhile skipped them all and found nothing, and its
		// worker thread stopped until the next poll (one of a node's two threads idle for a whole job). Unsorted, H2
		// walks the (status, lease_until) index and locks only the rows it returns, as PostgreSQL does.
		List<Object[]> keys = jdbc.sql("""
				SELECT job_id, idx FROM seal_job_document
				WHERE status = 'PENDING' AND (lease_until IS NULL OR lease_until < :now)
				LIMIT :limit FOR UPDATE SKIP LOCKED""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, n) -> new Object[] { rs.getObject("job_id", UUID.class), rs.getInt("idx") })
			.list();
		if (keys.isEmpty()) {
			return List.of();
		}
		// The leases in one JDBC batch, the claimed documents read back in one query per job.
		Timestamp leased = Timestamp.from(until);
		batches.batchUpdate(
				"UPDATE seal_job_document SET lease_token = ?, lease_until = ?, attempts = attempts + 1 WHERE job_id = ? AND idx = ?",
				keys.stream().map(key -> new Object[] { token, leased, key[0], key[1] }).toList());
		// A range of the primary key per job (an IN list on its second column would make H2 scan the job's rows);
		// the token keeps only what this claim leased.
		Map<UUID, int[]> byJob = new LinkedHashMap<>();
		for (Object[] key : keys) {
			int index = (Integer) key[1];
			byJob.merge((UUID) key[0], new int[] { index, index },
					(range, one) -> new int[] { Math.min(range[0], index), Math.max(range[1], index) });
		}
		List<Claimed> claimed = new ArrayList<>(keys.size());
		byJob.forEach((job, range) -> claimed.addAll(jdbc.sql("""
				SELECT job_id, idx, file_name, reservation_id, attempts, source FROM seal_job_document
				WHERE job_id = :job AND idx BETWEEN :first AND :last AND lease_token = :token ORDER BY idx""")
			.param("job", job)
			.param("first", range[0])
			.param("last", range[1])
			.param("token", token)
			.query((rs, n) -> new Claimed(rs.getObject("job_id", UUID.class), rs.getInt("idx"), token,
					rs.getString("file_name"), rs.getObject("reservation_id", UUID.class), rs.getInt("attempts"),
					rs.getBytes("source")))
			.list()));
		return claimed;
	}

	/** A sealed document to record: its lease, the register's entry that holds its PDF, its hash and seal. */
	public record Sealing(UUID job, int index, UUID token, UUID document, String sealedSha256, String serial) {
	}

	/**
	 * Records sealed documents, in one JDBC batch, each if the lease {@code token} still holds it (pending, leased
	 * to this token); a document whose lease another node took over meanwhile is left as it is. The sealed PDF is
	 * not stored here but once, in the firm's register ({@code signing_document}), as {@code document}; the source
	 * is dropped.
	 * @return for each, in order, whether it was recorded
	 */
	public boolean[] recordSealed(List<Sealing> sealings, Instant now) {
		if (sealings.isEmpty()) {
			return new boolean[0];
		}
		Timestamp at = Timestamp.from(now);
		int[] counts = batches.batchUpdate("""
				UPDATE seal_job_document SET status = 'SEALED', document_id = ?, sealed_sha256 = ?, serial = ?,
				  sealed_at = ?, source = NULL, lease_token = NULL, lease_until = NULL
				WHERE job_id = ? AND idx = ? AND status = 'PENDING' AND lease_token = ?""",
				sealings.stream()
					.map(sealing -> new Object[] { sealing.document(), sealing.sealedSha256(), sealing.serial(), at,
							sealing.job(), sealing.index(), sealing.token() })
					.toList());
		boolean[] recorded = new boolean[sealings.size()];
		for (int n = 0; n < recorded.length; n++) {
			recorded[n] = counts[n] == 1;
		}
		return recorded;
	}

	/** Records a document's failure, if the lease {@code token} still holds it; false otherwise. */
	public boolean recordFailed(UUID job, int index, UUID token, String errorKey) {
		return jdbc.sql("""
				UPDATE seal_job_document SET status = 'FAILED', error_key = :error, source = NULL, lease_token = NULL,
				  lease_until = NULL
				WHERE job_id = :job AND idx = :idx AND status = 'PENDING' AND lease_token = :token""")
			.param("error", errorKey)
			.param("job", job)
			.param("idx", index)
			.param("token", token)
			.update() == 1;
	}

	/** The firm's running jobs. */
	public List<UUID> running(FirmId firm) {
		return jdbc.sql("SELECT id FROM seal_job WHERE firm_id = :firm AND status = 'RUNNING' ORDER BY created_at")
			.param("firm", firm.value())
			.query(UUID.class)
			.list();
	}

	/**
	 * Fails every pending document of the job with {@code errorKey}, leased or not: a worker sealing one of them
	 * records nothing afterwards (its update finds the document no longer pending). @return how many
	 */
	public int failPending(UUID job, String errorKey) {
		return jdbc.sql("""
				UPDATE seal_job_document SET status = 'FAILED', error_key = :error, source = NULL, lease_token = NULL,
				  lease_until = NULL
				WHERE job_id = :job AND status = 'PENDING'""")
			.param("error", errorKey)
			.param("job", job)
			.update();
	}

	/** Gives a lease back early (a passing failure): the document is claimed again at once. */
	public void releaseLease(UUID job, int index, UUID token) {
		jdbc.sql("UPDATE seal_job_document SET lease_token = NULL, lease_until = NULL WHERE job_id = :job AND idx = :idx AND status = 'PENDING' AND lease_token = :token")
			.param("job", job)
			.param("idx", index)
			.param("token", token)
			.update();
	}

	/** The running jobs none of whose documents is pending: to finish. */
	public List<UUID> runningWithNothingPending(int limit) {
		return jdbc.sql("""
				SELECT j.id FROM seal_job j WHERE j.status = 'RUNNING'
				AND NOT EXISTS (SELECT 1 FROM seal_job_document d WHERE d.job_id = j.id AND d.status = 'PENDING')
				ORDER BY j.created_at LIMIT :limit""")
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	/** Locks a running job's row (to finish it once); empty if it is not running any more. */
	public boolean lockRunning(UUID job) {
		return jdbc.sql("SELECT id FROM seal_job WHERE id = :id AND status = 'RUNNING' FOR UPDATE")
			.param("id", job)
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	public void finish(UUID job, byte[] manifest, byte[] manifestPdf, Instant now) {
		jdbc.sql("UPDATE seal_job SET status = 'COMPLETED', manifest = :manifest, manifest_pdf = :pdf, finished_at = :now WHERE id = :id AND status = 'RUNNING'")
			.param("manifest", manifest)
			.param("pdf", manifestPdf)
			.param("now", Timestamp.from(now))
			.param("id", job)
			.update();
	}

	/**
	 * A sealed document's PDF, from the firm's register (or from the job's own column, for a document recorded
	 * before the register held it); empty if not sealed or purged.
	 */
	public Optional<byte[]> sealed(UUID job, int index) {
		return jdbc.sql("""
				SELECT COALESCE(d.sealed, r.document) FROM seal_job_document d
				LEFT JOIN signing_document r ON r.id = d.document_id
				WHERE d.job_id = :job AND d.idx = :idx AND COALESCE(d.sealed, r.document) IS NOT NULL""")
			.param("job", job)
			.param("idx", index)
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	/** The job's manifest (JSON) and its sealed PDF; empty while running or once purged. */
	public Optional<byte[][]> manifest(UUID job) {
		return jdbc.sql("SELECT manifest, manifest_pdf FROM seal_job WHERE id = :id AND manifest IS NOT NULL")
			.param("id", job)
			.query((rs, n) -> new byte[][] { rs.getBytes(1), rs.getBytes(2) })
			.optional();
	}

	/** Drops the files of the finished jobs past their retention; their rows stay. @return how many jobs */
	public int purge(Instant now) {
		List<UUID> expired = jdbc.sql("SELECT id FROM seal_job WHERE expires_at < :now AND purged_at IS NULL AND status = 'COMPLETED'")
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.list();
		for (UUID job : expired) {
			jdbc.sql("UPDATE seal_job_document SET source = NULL, sealed = NULL WHERE job_id = :job")
				.param("job", job)
				.update();
			jdbc.sql("UPDATE seal_job SET manifest = NULL, manifest_pdf = NULL, purged_at = :now WHERE id = :id")
				.param("now", Timestamp.from(now))
				.param("id", job)
				.update();
		}
		return expired.size();
	}

	private static Job job(ResultSet rs, int n) throws SQLException {
		return new Job(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
				rs.getObject("actor_id", UUID.class), rs.getString("channel"), rs.getString("idempotency_key"),
				rs.getString("fingerprint"), rs.getString("level"), rs.getString("reason"), rs.getBoolean("certify"),
				rs.getBoolean("visible"), (Integer) rs.getObject("box_page"), floatOrNull(rs, "box_x"),
				floatOrNull(rs, "box_y"), floatOrNull(rs, "box_width"), floatOrNull(rs, "box_height"),
				rs.getString("status"), rs.getInt("total"), rs.getLong("price_cents"), instant(rs, "created_at"), instant(rs, "finished_at"),
				instant(rs, "expires_at"), rs.getTimestamp("purged_at") != null);
	}

	private static Float floatOrNull(ResultSet rs, String column) throws SQLException {
		float value = rs.getFloat(column);
		return rs.wasNull() ? null : value;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp time = rs.getTimestamp(column);
		return time == null ? null : time.toInstant();
	}

}
