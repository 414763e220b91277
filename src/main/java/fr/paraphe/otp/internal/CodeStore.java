package fr.paraphe.otp.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The table {@code otp_code}: one row per code issued, with its hash, never the code. */
@Component
public class CodeStore {

	/** A code's life: pending, then exactly one of the others. */
	public enum State {
		PENDING, USED, BURNED, SUPERSEDED, EXPIRED
	}

	/** One code. */
	public record Row(UUID id, String purpose, UUID binding, UUID owner, String codeHash, Instant createdAt,
			Instant expiresAt, int failedTries, int maxTries, State state) {
	}

	/** A person's row for one purpose: wrong tries since {@code windowStart}. */
	public record Guard(int failedTries, Instant windowStart) {
	}

	private final JdbcClient jdbc;

	CodeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(UUID id, String purpose, UUID binding, UUID owner, String codeHash, Instant createdAt,
			Instant expiresAt, int maxTries) {
		jdbc.sql("INSERT INTO otp_code (id, purpose, binding, owner_id, code_hash, created_at, expires_at, "
				+ "failed_tries, max_tries, state) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 'PENDING')")
			.params(id, purpose, binding, owner, codeHash, Timestamp.from(createdAt), Timestamp.from(expiresAt), maxTries)
			.update();
	}

	public void supersedePending(String purpose, UUID binding) {
		jdbc.sql("UPDATE otp_code SET state = 'SUPERSEDED' WHERE purpose = ? AND binding = ? AND state = 'PENDING'")
			.params(purpose, binding)
			.update();
	}

	public void supersedePendingOfOwner(String purpose, UUID owner) {
		jdbc.sql("UPDATE otp_code SET state = 'SUPERSEDED' WHERE purpose = ? AND owner_id = ? AND state = 'PENDING'")
			.params(purpose, owner)
			.update();
	}

	/** The binding's newest code, its row locked until the transaction ends. */
	public Optional<Row> latestForUpdate(String purpose, UUID binding) {
		Optional<UUID> latest = jdbc.sql("SELECT id FROM otp_code WHERE purpose = ? AND binding = ? "
				+ "ORDER BY CASE WHEN state = 'PENDING' THEN 0 ELSE 1 END, created_at DESC FETCH FIRST 1 ROWS ONLY")
			.params(purpose, binding)
			.query(UUID.class)
			.optional();
		return latest.flatMap(id -> jdbc.sql("SELECT * FROM otp_code WHERE id = ? FOR UPDATE")
			.param(id)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("purpose"),
					rs.getObject("binding", UUID.class), rs.getObject("owner_id", UUID.class), rs.getString("code_hash"),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
					rs.getInt("failed_tries"), rs.getInt("max_tries"), State.valueOf(rs.getString("state"))))
			.optional());
	}

	public void update(UUID id, int failedTries, State state) {
		jdbc.sql("UPDATE otp_code SET failed_tries = ?, state = ? WHERE id = ?").params(failedTries, state.name(), id).update();
	}

	/**
	 * The person's row for this purpose, created if absent, locked until the transaction ends; a window older than
	 * {@code window} starts again at {@code now} with no tries.
	 */
	public Guard lockGuard(String purpose, UUID owner, Instant now, java.time.Duration window) {
		jdbc.sql("INSERT INTO otp_guard (purpose, owner_id, failed_tries, window_start) VALUES (?, ?, 0, ?) "
				+ "ON CONFLICT DO NOTHING")
			.params(purpose, owner, Timestamp.from(now))
			.update();
		Guard guard = jdbc.sql("SELECT failed_tries, window_start FROM otp_guard WHERE purpose = ? AND owner_id = ? FOR UPDATE")
			.params(purpose, owner)
			.query((rs, n) -> new Guard(rs.getInt("failed_tries"), rs.getTimestamp("window_start").toInstant()))
			.single();
		if (!now.isBefore(guard.windowStart().plus(window))) {
			resetFailures(purpose, owner, now);
			return new Guard(0, now);
		}
		return guard;
	}

	/** One more wrong try for the person (their row is locked by {@link #lockGuard}). */
	public void countFailure(String purpose, UUID owner) {
		jdbc.sql("UPDATE otp_guard SET failed_tries = failed_tries + 1 WHERE purpose = ? AND owner_id = ?")
			.params(purpose, owner)
			.update();
	}

	public void resetFailures(String purpose, UUID owner, Instant now) {
		jdbc.sql("UPDATE otp_guard SET failed_tries = 0, window_start = ? WHERE purpose = ? AND owner_id = ?")
			.params(Timestamp.from(now), purpose, owner)
			.update();
	}

	/** The owner of the binding's newest code, without locking (to lock the owner's row first). */
	public Optional<UUID> ownerOfLatest(String purpose, UUID binding) {
		return jdbc.sql("SELECT owner_id FROM otp_code WHERE purpose = ? AND binding = ? AND owner_id IS NOT NULL "
				+ "ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY")
			.params(purpose, binding)
			.query(UUID.class)
			.optional();
	}

	/** When codes of this purpose were issued to {@code owner} since {@code since}, oldest first. */
	public java.util.List<Instant> issuedSince(String purpose, UUID owner, Instant since) {
		return jdbc.sql("SELECT created_at FROM otp_code WHERE purpose = ? AND owner_id = ? AND created_at > ? "
				+ "ORDER BY created_at")
			.params(purpose, owner, Timestamp.from(since))
			.query((rs, n) -> rs.getTimestamp("created_at").toInstant())
			.list();
	}

	/** How many codes of this purpose were issued to {@code owner} since {@code since} (for send limits). */
	public int countIssuedSince(String purpose, UUID owner, Instant since) {
		return jdbc.sql("SELECT COUNT(*) FROM otp_code WHERE purpose = ? AND owner_id = ? AND created_at > ?")
			.params(purpose, owner, Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

}
