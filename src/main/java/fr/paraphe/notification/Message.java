package fr.paraphe.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A message as recorded.
 *
 * @param status CAPTURED (recorded only), PENDING (to be sent once the transaction that recorded it commits) or
 * SENT
 */
public record Message(UUID id, String channel, String recipient, String subject, String text, String html,
		String template, String status, Instant createdAt) {
}
