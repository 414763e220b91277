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
				INSERT INTO revocation_request (id, user_id, certificate_serial, channel, created_at, expires_at)
				VALUES (:id, :user, :serial, :channel, :created, :expires)""")
			.param("id", row.id())
			.param("user", row.user().value())
			.param("serial", row.certificateSerial())
			.param("channel", row.channel())
			.param("created", Timestamp.from(row.createdAt()))
			.param("expires", Timestamp.from(row.expiresAt()))
			.update();
	}

	/** Locks the row: two confirmations at once (two tabs, two nodes) are handled one after the other. */
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

	private static Row map(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)),
				rs.getString("certificate_serial"), rs.getString("channel"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant());
	}

	/** A revocation request; its code is in the otp module (bound to {@code id}). */
	public record Row(UUID id, UserId user, String certificateSerial, String channel, Instant createdAt,
			Instant expiresAt) {
	}

}
