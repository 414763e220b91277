package fr.paraphe.firm.internal;

import fr.paraphe.firm.Delegation;

import java.time.Instant;
import java.util.UUID;

/**
 * A delegation in force.
 *
 * @param grantedBy the user id of the owner who granted it, or "sso" when the single sign-on did
 * @param validUntil null for a delegation without end
 */
public record DelegationGrant(UUID id, Delegation delegation, String grantedBy, Instant grantedAt,
		Instant validUntil) {

	public boolean fromSso() {
		return "sso".equals(grantedBy);
	}

}
