package fr.paraphe.signing.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

/**
 * A firm's API key, without the key itself (only its hash is stored).
 *
 * @param prefix the key's first characters, to recognise it in the list
 * @param revokedAt null while usable
 * @param scopes what the key may do
 * @param expiresAt null for a key that does not expire
 * @param lastUsedAt the last authenticated call, to the minute; null if never used
 * @param ratePerMinute the key's own rate limit; null: the configured default
 */
public record ApiKey(UUID id, FirmId firm, UserId createdBy, String label, String prefix, Instant createdAt,
		Instant revokedAt, Set<ApiScope> scopes, Instant expiresAt, Instant lastUsedAt, Integer ratePerMinute) {

	public ApiKey {
		scopes = Set.copyOf(scopes);
	}

	public boolean isRevoked() {
		return revokedAt != null;
	}

	/** Whether the key has expired at {@code now}. */
	public boolean isExpired(Instant now) {
		return expiresAt != null && !now.isBefore(expiresAt);
	}

}
