package fr.paraphe.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * What a user is on the platform. The first two come from the profession's SSO; the platform staff roles
 * are given by the identity provider too (in production, a separate staff realm).
 */
public enum Role {

	EXPERT_COMPTABLE, COLLABORATEUR, REGISTRATION_OFFICER, PLATFORM_ADMIN;

	/** The Spring Security authority carrying this role, e.g. {@code ROLE_PLATFORM_ADMIN}. */
	public String authority() {
		return "ROLE_" + name();
	}

	/**
	 * Reads a role claim. Case and dashes are forgiven ("expert-comptable"); anything else is empty.
	 */
	public static Optional<Role> fromClaim(String claim) {
		if (claim == null || claim.isBlank()) {
			return Optional.empty();
		}
		String normalized = claim.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
		for (Role role : values()) {
			if (role.name().equals(normalized)) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

	/** Whether users with this role belong to a firm (and so must come with one). */
	public boolean belongsToFirm() {
		return this == EXPERT_COMPTABLE || this == COLLABORATEUR;
	}

}
