package fr.paraphe.signing;

import java.time.Instant;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

/**
 * A firm's API key, without the key itself (only its hash is stored).
 *
 * @param prefix the key's first characters, to recognise it in the list
 * @param revokedAt null while usable
 */
public record ApiKey(UUID id, FirmId firm, UserId createdBy, String label, String prefix, Instant createdAt,
		Instant revokedAt) {

	public boolean isRevoked() {
		return revokedAt != null;
	}

}
