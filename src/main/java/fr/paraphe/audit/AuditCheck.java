package fr.paraphe.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of a verification of every audit chain.
 *
 * @param checkedAt when it ran
 * @param broken the first break found; empty when every chain verified
 */
public record AuditCheck(Instant checkedAt, Optional<ChainBreak> broken) {

	public boolean intact() {
		return broken.isEmpty();
	}

}
