package fr.paraphe.firm;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

/**
 * What a logged-in user is in their firm right now.
 */
public record Membership(UserId user, FirmId firm, UUID memberId, FirmRole role, Set<Delegation> delegations) {

	public Membership {
		delegations = role == FirmRole.OWNER ? Set.copyOf(EnumSet.allOf(Delegation.class)) : Set.copyOf(delegations);
	}

	public boolean isOwner() {
		return role == FirmRole.OWNER;
	}

	public boolean may(Delegation delegation) {
		return delegations.contains(delegation);
	}

}
