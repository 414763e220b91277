package fr.paraphe.registration.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code revocation_request} table: one row per one-time code, holding only its hash. */
@Repository
public class RevocationStore {

	private final JdbcClient jdbc;

	RevocationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Row row) {
		jdbc.sql("""
				INSERT INTO revocation_request (id, user_id, certificate_serial, channel, code_hash, created_at,
				expires_at, failed_attempts, state) VALUES (:id, :user, :serial, :channel, :hash, :created, :expires, 0,
				'PENDING')""")
			.param("id", row.id())
			.param("user", row.user().value())
			.param("serial", row.certificateSerial())
			.param("channel", row.channel())
			.param("hash", row.codeHash())
			.param("created", Timestamp.from(row.createdAt()))
			.param("expires", Timestamp.from(row.expiresAt()))
			.update();
	}

	/** Locks the row: two confirmations at once (two tabs, two nodes) use the code once. */
	public Optional<Row> findForUpdate(UUID id, UserId user) {
		return jdbc.sql("SELECT * FROM revocation_request WHERE id = :id AND user_id = :user FOR UPDATE")
			.param("id", id)
			.param("user", user.value())
			.query(RevocationStore::map)
			.optional();
	}

	public Optional<Row> find(UUID id, UserId user) {
		return jdbc.sql("SELECT * FROM revocation_request WHERE id = :id AND user_id = :user")
			.param("id", id)
			.param("user", user.value())
			.query(RevocationStore::map)
			.optional();
	}

	public int countSince(UserId user, Instant since) {
		return jdbc.sql("SELECT COUNT(*) FROM revocation_request WHERE user_id = :user AND created_at > :since")
			.param("user", user.value())
			.param("since", Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	/** Earlier codes stop working once a new one is sent. */
	public void supersedePending(UserId user) {
		jdbc.sql("UPDATE revocation_request SET state = 'SUPERSEDED' WHERE user_id = :user AND state = 'PENDING'")
			.param("user", user.value())
			.update();
	}

	public void update(UUID id, int failedAttempts, String state) {
		jdbc.sql("UPDATE revocation_request SET failed_attempts = :failed, state = :state WHERE id = :id")
			.param("failed", failedAttempts)
			.param("state", state)
			.param("id", id)
			.update();
	}

	private static Row map(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)),
				rs.getString("certificate_serial"), rs.getString("channel"), rs.getString("code_hash"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				rs.getInt("failed_attempts"), rs.getString("state"));
	}

	/** @param state PENDING, USED, EXPIRED, BURNED or SUPERSEDED */
	public record Row(UUID id, UserId user, String certificateSerial, String channel, String codeHash,
			Instant createdAt, Instant expiresAt, int failedAttempts, String state) {
	}

}
