package fr.paraphe.webhook.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one endpoint, for the delivery log.
 * @param status PENDING (waiting for its next attempt), DELIVERED (a 2xx answer) or FAILED (given up)
 * @param lastStatusCode the last answer's HTTP status, null when none came (timeout, refused connection)
 * @param lastLatencyMillis how long the last attempt took
 * @param nextAttemptAt when it is tried again; null once delivered or given up
 */
public record Delivery(UUID id, UUID eventId, String eventType, Instant createdAt, String status, int attempts,
		Instant lastAttemptAt, Integer lastStatusCode, Long lastLatencyMillis, String lastError,
		Instant nextAttemptAt, Instant deliveredAt) {

	/** The {@code webhook-id} header of its attempts. */
	public String webhookId() {
		return webhookId(id);
	}

	/** The {@code webhook-id} header of a delivery's attempts. */
	public static String webhookId(UUID delivery) {
		return "msg_" + delivery.toString().replace("-", "");
	}

}
