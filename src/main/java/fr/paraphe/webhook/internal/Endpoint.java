package fr.paraphe.webhook.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A firm's webhook endpoint, as its owners see it (never its secret).
 * @param previousSecretUntil when the secret was rotated: until then the previous secret signs too; else null
 * @param disabledAt when deliveries were given up and the endpoint disabled; null while enabled
 */
public record Endpoint(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
		Instant createdAt, Instant previousSecretUntil, Instant disabledAt) {
}
