package fr.paraphe.webhook.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.FirmId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox, {@code webhook_delivery}: one row per event and endpoint, written in the transaction of the event,
 * claimed by the workers of all nodes with row locks ({@code FOR UPDATE SKIP LOCKED}, which PostgreSQL and H2 2.x
 * both know) and a lease, so that each delivery is posted by one node at a time.
 */
@Repository
public class DeliveryStore {

	static final String PENDING = "PENDING";

	static final String DELIVERED = "DELIVERED";

	static final String FAILED = "FAILED";

	private final JdbcClient jdbc;

	public DeliveryStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A delivery claimed by this node, with what it needs to post it. */
	public record Claimed(UUID id, UUID endpointId, FirmId firm, String eventType, String payload, int attempts,
			Instant giveUpAt, UUID token) {
	}

	/**
	 * Adds a delivery due now, unless this event already has one for this endpoint.
	 * @return whether it was added
	 */
	public boolean insert(UUID id, UUID endpoint, FirmId firm, UUID eventId, String type, String payload, Instant now,
			Instant giveUpAt) {
		return jdbc.sql("INSERT INTO webhook_delivery (id, endpoint_id, firm_id, event_id, event_type, payload, created_at, status, attempts, next_attempt_at, give_up_at) VALUES (:id, :endpoint, :firm, :event, :type, :payload, :now, 'PENDING', 0, :now, :giveUp) ON CONFLICT DO NOTHING")
			.param("id", id)
			.param("endpoint", endpoint)
			.param("firm", firm.value())
			.param("event", eventId)
			.param("type", type)
			.param("payload", payload)
			.param("now", Timestamp.from(now))
			.param("giveUp", Timestamp.from(giveUpAt))
			.update() == 1;
	}

	/**
	 * Claims up to {@code limit} due deliveries for {@code lease}: rows locked by another node's claim are skipped,
	 * and a claimed row is due again only when the lease ran out (its node died while posting). Must run in a
	 * transaction, which the caller commits at once.
	 */
	public List<Claimed> claim(Instant now, java.time.Duration lease, int limit) {
		List<UUID> ids = jdbc.sql("SELECT id FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(UUID.class)
			.list();
		if (ids.isEmpty()) {
			return List.of();
		}
		UUID token = UUID.randomUUID();
		jdbc.sql("UPDATE webhook_delivery SET next_attempt_at = :until, claim_token = :token WHERE id IN (:ids)")
			.param("until", Timestamp.from(now.plus(lease)))
			.param("token", token)
			.param("ids", ids)
			.update();
		return jdbc.sql("SELECT id, endpoint_id, firm_id, event_type, payload, attempts, give_up_at, claim_token FROM webhook_delivery WHERE claim_token = :token")
			.param("token", token)
			.query((rs, rowNum) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class),
					new FirmId(rs.getObject("firm_id", UUID.class)), rs.getString("event_type"), rs.getString("payload"),
					rs.getInt("attempts"), rs.getTimestamp("give_up_at").toInstant(),
					rs.getObject("claim_token", UUID.class)))
			.list();
	}

	/**
	 * Records an attempt of a claimed delivery: delivered, due again at {@code next}, or given up ({@code next}
	 * null, status FAILED).
	 * @return false when the claim was lost (its lease ran out and another node took it): nothing recorded
	 */
	public boolean settle(Claimed claimed, String status, Instant attemptedAt, Integer statusCode, long latencyMillis,
			String error, Instant next) {
		return jdbc.sql("UPDATE webhook_delivery SET status = :status, attempts = attempts + 1, last_attempt_at = :at, last_status_code = :code, last_latency_ms = :latency, last_error = :error, next_attempt_at = :next, claim_token = NULL, delivered_at = :delivered WHERE id = :id AND claim_token = :token")
			.param("status", status)
			.param("at", Timestamp.from(attemptedAt))
			.param("code", statusCode)
			.param("latency", latencyMillis)
			.param("error", error == null ? null : error.length() > 200 ? error.substring(0, 200) : error)
			.param("next", next == null ? null : Timestamp.from(next))
			.param("delivered", DELIVERED.equals(status) ? Timestamp.from(attemptedAt) : null)
			.param("id", claimed.id())
			.param("token", claimed.token())
			.update() == 1;
	}

	/** Gives up every waiting delivery of a disabled endpoint. */
	public int giveUpAll(UUID endpoint) {
		return jdbc.sql("UPDATE webhook_delivery SET status = 'FAILED', next_attempt_at = NULL, claim_token = NULL WHERE endpoint_id = :endpoint AND status = 'PENDING'")
			.param("endpoint", endpoint)
			.update();
	}

	/** The endpoint's latest deliveries, newest first. */
	public List<Delivery> latest(FirmId firm, UUID endpoint, int limit) {
		return jdbc.sql("SELECT * FROM webhook_delivery WHERE firm_id = :firm AND endpoint_id = :endpoint ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("firm", firm.value())
			.param("endpoint", endpoint)
			.param("limit", limit)
			.query(DeliveryStore::delivery)
			.list();
	}

	public Optional<Delivery> find(FirmId firm, UUID endpoint, UUID id) {
		return jdbc.sql("SELECT * FROM webhook_delivery WHERE firm_id = :firm AND endpoint_id = :endpoint AND id = :id")
			.param("firm", firm.value())
			.param("endpoint", endpoint)
			.param("id", id)
			.query(DeliveryStore::delivery)
			.optional();
	}

	/** "Renvoyer": due now again, retried for {@code giveUpAt} more, whatever its state (the same webhook-id). */
	public boolean resend(FirmId firm, UUID endpoint, UUID id, Instant now, Instant giveUpAt) {
		return jdbc.sql("UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = :now, give_up_at = :giveUp, claim_token = NULL WHERE firm_id = :firm AND endpoint_id = :endpoint AND id = :id")
			.param("now", Timestamp.from(now))
			.param("giveUp", Timestamp.from(giveUpAt))
			.param("firm", firm.value())
			.param("endpoint", endpoint)
			.param("id", id)
			.update() == 1;
	}

	private static Delivery delivery(ResultSet rs, int rowNum) throws SQLException {
		long latency = rs.getLong("last_latency_ms");
		Long latencyOrNull = rs.wasNull() ? null : latency;
		int code = rs.getInt("last_status_code");
		Integer codeOrNull = rs.wasNull() ? null : code;
		return new Delivery(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
				rs.getString("event_type"), EndpointStore.instant(rs.getTimestamp("created_at")), rs.getString("status"),
				rs.getInt("attempts"), EndpointStore.instant(rs.getTimestamp("last_attempt_at")), codeOrNull,
				latencyOrNull, rs.getString("last_error"),
				PENDING.equals(rs.getString("status")) ? EndpointStore.instant(rs.getTimestamp("next_attempt_at")) : null,
				EndpointStore.instant(rs.getTimestamp("delivered_at")));
	}

}
