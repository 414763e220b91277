package fr.paraphe.identity;

import java.util.List;
import java.util.Objects;

import fr.paraphe.shared.Siren;

/**
 * What the single sign-on says about a person at login, already checked: a subject, a name, a role, and
 * for firm members the firm's SIREN and name.
 *
 * @param email may be null when the provider does not share it
 * @param firmSiren null for platform staff
 * @param firmName null for platform staff
 * @param delegations the delegations the provider grants (raw claim values), or null when it sends none:
 * then the firm's owner manages them in Paraphe
 * @param login the name the person logs in with at the provider ({@code preferred_username}), or null when it
 * sends none
 */
public record SsoProfile(String subject, String displayName, String email, Role role, Siren firmSiren,
		String firmName, List<String> delegations, String login) {

	/** A profile from a provider that sends no login name. */
	public SsoProfile(String subject, String displayName, String email, Role role, Siren firmSiren, String firmName,
			List<String> delegations) {
		this(subject, displayName, email, role, firmSiren, firmName, delegations, null);
	}

	/** A profile from a provider that sends no delegations. */
	public SsoProfile(String subject, String displayName, String email, Role role, Siren firmSiren, String firmName) {
		this(subject, displayName, email, role, firmSiren, firmName, null);
	}

	public SsoProfile {
		delegations = delegations == null ? null : List.copyOf(delegations);
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(displayName, "displayName");
		Objects.requireNonNull(role, "role");
		if (role.belongsToFirm() && (firmSiren == null || firmName == null)) {
			throw new IllegalArgumentException("A firm member needs a firm SIREN and name");
		}
	}

}
