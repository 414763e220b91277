package fr.paraphe.identity;

import java.time.Instant;

import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

/**
 * A Paraphe user as last seen at login.
 *
 * @param email may be null
 * @param firmSiren null for platform staff
 * @param firmName null for platform staff
 * @param language the language of the interface and of e-mails, "fr" or "en"
 * @param login the name they log in with at the provider ({@code preferred_username}), or null if it sends none
 */
public record User(UserId id, String subject, String displayName, String email, Role role, Siren firmSiren,
		String firmName, String language, Instant createdAt, Instant lastLoginAt, String login)
		implements java.io.Serializable {

	public boolean isFirmMember() {
		return role.belongsToFirm();
	}

}
