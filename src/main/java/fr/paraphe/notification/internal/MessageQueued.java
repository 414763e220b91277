package fr.paraphe.notification.internal;

import java.util.UUID;

/**
 * A recorded message waits to be sent: published in the transaction that recorded it, delivered by
 * {@link MessageDelivery} once that transaction committed (kept by the event publication registry until then).
 */
public record MessageQueued(UUID message) {
}
