package fr.paraphe.shared;

import java.util.Optional;

/**
 * A module's part of "Supprimer mon compte" (GDPR art. 17): each bean of this type may refuse the deletion while
 * the person still holds something others depend on (an owner's firm), and erases or pseudonymises what the module
 * holds about them. Every part runs in the deletion's one transaction, in {@link org.springframework.core.Ordered}
 * order; what the law requires to keep (the audit trail, certificates the CA issued, the firm's signed documents)
 * stays, pointing to the pseudonym instead of the person.
 */
public interface AccountErasure {

	/** Why the person may not delete their account now, as a message key; empty when nothing stops it. */
	default Optional<String> refusal(UserId user) {
		return Optional.empty();
	}

	/** Erases this module's personal data about the person, in the deletion's transaction. */
	void erase(Erased person);

	/**
	 * The person being deleted, as last known.
	 * @param subject their single sign-on subject
	 * @param email the e-mail the SSO gave, may be null
	 * @param pseudonym what the kept records now show instead of them, e.g. "utilisateur supprimé #1a2b3c4d"
	 */
	record Erased(UserId user, String subject, String email, String pseudonym) {
	}

}
