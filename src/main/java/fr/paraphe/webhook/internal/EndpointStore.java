package fr.paraphe.webhook.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code webhook_endpoint}; every read is scoped to a firm but the worker's. */
@Repository
public class EndpointStore {

	private final JdbcClient jdbc;

	public EndpointStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A row, secrets still encrypted. */
	public record Row(UUID id, FirmId firm, String url, String description, List<String> eventTypes, byte[] secret,
			byte[] previousSecret, Instant previousUntil, boolean enabled, Instant disabledAt, Instant createdAt) {
	}

	public void insert(UUID id, FirmId firm, String url, String description, List<String> eventTypes, byte[] secret,
			UserId createdBy, Instant now) {
		jdbc.sql("INSERT INTO webhook_endpoint (id, firm_id, url, description, event_types, secret, enabled, created_by, created_at) VALUES (:id, :firm, :url, :description, :types, :secret, TRUE, :by, :now)")
			.param("id", id)
			.param("firm", firm.value())
			.param("url", url)
			.param("description", description)
			.param("types", String.join(",", eventTypes))
			.param("secret", secret)
			.param("by", createdBy.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	public int count(FirmId firm) {
		return jdbc.sql("SELECT COUNT(*) FROM webhook_endpoint WHERE firm_id = :firm")
			.param("firm", firm.value())
			.query(Integer.class)
			.single();
	}

	public List<Row> list(FirmId firm) {
		return jdbc.sql("SELECT * FROM webhook_endpoint WHERE firm_id = :firm ORDER BY created_at, id")
			.param("firm", firm.value())
			.query(EndpointStore::row)
			.list();
	}

	public Optional<Row> find(FirmId firm, UUID id) {
		return jdbc.sql("SELECT * FROM webhook_endpoint WHERE firm_id = :firm AND id = :id")
			.param("firm", firm.value())
			.param("id", id)
			.query(EndpointStore::row)
			.optional();
	}

	/** For the worker, which delivers for every firm. */
	public Optional<Row> find(UUID id) {
		return jdbc.sql("SELECT * FROM webhook_endpoint WHERE id = :id").param("id", id).query(EndpointStore::row).optional();
	}

	public boolean delete(FirmId firm, UUID id) {
		return jdbc.sql("DELETE FROM webhook_endpoint WHERE firm_id = :firm AND id = :id")
			.param("firm", firm.value())
			.param("id", id)
			.update() == 1;
	}

	/** The new secret replaces the current one, which signs beside it until {@code previousUntil}. */
	public boolean rotate(FirmId firm, UUID id, byte[] secret, byte[] previous, Instant previousUntil) {
		return jdbc.sql("UPDATE webhook_endpoint SET secret = :secret, previous_secret = :previous, previous_until = :until WHERE firm_id = :firm AND id = :id")
			.param("secret", secret)
			.param("previous", previous)
			.param("until", Timestamp.from(previousUntil))
			.param("firm", firm.value())
			.param("id", id)
			.update() == 1;
	}

	/** @return whether this call disabled it (false when it already was) */
	public boolean disable(UUID id, Instant now) {
		return jdbc.sql("UPDATE webhook_endpoint SET enabled = FALSE, disabled_at = :now WHERE id = :id AND enabled")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update() == 1;
	}

	public boolean enable(FirmId firm, UUID id) {
		return jdbc.sql("UPDATE webhook_endpoint SET enabled = TRUE, disabled_at = NULL WHERE firm_id = :firm AND id = :id")
			.param("firm", firm.value())
			.param("id", id)
			.update() == 1;
	}

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		String types = rs.getString("event_types");
		return new Row(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
				rs.getString("url"), rs.getString("description"),
				types.isEmpty() ? List.of() : Arrays.asList(types.split(",")), rs.getBytes("secret"),
				rs.getBytes("previous_secret"), instant(rs.getTimestamp("previous_until")), rs.getBoolean("enabled"),
				instant(rs.getTimestamp("disabled_at")), instant(rs.getTimestamp("created_at")));
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
