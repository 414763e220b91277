package fr.paraphe.signing.internal;

import fr.paraphe.pki.RevocationReason;
import fr.paraphe.shared.FirmClosure;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.FirmSeals;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Signing's part of closing a firm: its seal certificate revoked (RFC 5280 §5.3.1 cessationOfOperation: OCSP and
 * the CRL say so at once) and every API key disabled. The firm's documents stay for their retention. Before the
 * bulk seal jobs' part (which ends the running jobs), so that no job can be submitted after those ended.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class SigningClosure implements FirmClosure {

	private final FirmSeals seals;

	private final ApiKeyRing keys;

	SigningClosure(FirmSeals seals, ApiKeyRing keys) {
		this.seals = seals;
		this.keys = keys;
	}

	@Override
	public void close(FirmId firm, UserId owner) {
		try {
			seals.revoke(owner, firm, RevocationReason.CESSATION_OF_OPERATION);
		}
		catch (ProblemException none) {
			// No valid seal certificate (never issued, or revoked already): nothing to revoke.
			if (none.getStatusCode().value() != 409) {
				throw none;
			}
		}
		for (ApiKey key : keys.list(owner, firm)) {
			if (key.revokedAt() == null) {
				keys.revoke(owner, firm, key.id());
			}
		}
	}

}
