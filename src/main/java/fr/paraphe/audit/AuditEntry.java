package fr.paraphe.audit;

import java.time.Instant;
import java.util.Map;

import fr.paraphe.shared.FirmId;

/**
 * One entry of the trail.
 *
 * @param hash SHA-256 (hex) of this entry's canonical form, which includes {@code previousHash}
 */
public record AuditEntry(long seq, Instant occurredAt, FirmId firm, String actor, String action,
		Map<String, String> details, String previousHash, String hash) {
}
