package fr.paraphe.firm.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.FirmRole;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

/**
 * A person added to a firm, with their current delegations.
 *
 * @param userId null until the person first logs in
 * @param invitedAs the e-mail (lower case) or SSO subject the owner added them by
 * @param displayName the name from the SSO, or null before the first login
 * @param delegations the delegations in force now (all of them for an owner)
 * @param matchedBy which identifier recognised the person when they were linked, or null (not linked yet, or
 * placed by the SSO itself)
 */
public record Member(UUID id, FirmId firm, UserId userId, String invitedAs, String displayName, FirmRole role,
		Instant addedAt, List<DelegationGrant> delegations, MatchedBy matchedBy) {

	public boolean hasLoggedIn() {
		return userId != null;
	}

	/** The delegations a owner may still grant this member: those not in force already. */
	public List<Delegation> grantable() {
		return java.util.Arrays.stream(Delegation.values()).filter(delegation -> !has(delegation)).toList();
	}

	public boolean has(Delegation delegation) {
		return role == FirmRole.OWNER || delegations.stream().anyMatch(grant -> grant.delegation() == delegation);
	}

}
