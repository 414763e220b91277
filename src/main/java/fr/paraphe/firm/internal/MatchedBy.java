package fr.paraphe.firm.internal;

/**
 * Which of the identifiers an owner may add a collaborator by recognised the person who logged in: their
 * e-mail, their SSO subject, or the login name they type at the provider ({@code preferred_username}).
 */
public enum MatchedBy {

	SUBJECT, EMAIL, LOGIN;

	/**
	 * Which identifier of the person {@code invitedAs} is, subject first, or null if none.
	 * @param email compared in lower case, as owners' e-mails are stored
	 */
	public static MatchedBy of(String invitedAs, String subject, String email, String login) {
		if (invitedAs == null) {
			return null;
		}
		if (invitedAs.equals(subject)) {
			return SUBJECT;
		}
		if (email != null && invitedAs.equals(email.toLowerCase(java.util.Locale.ROOT))) {
			return EMAIL;
		}
		if (invitedAs.equals(login)) {
			return LOGIN;
		}
		return null;
	}

}
