package fr.paraphe.identity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.paraphe.identity.internal.UserStore;
import fr.paraphe.shared.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users of the platform. A user exists from their first login through the single sign-on; each login
 * refreshes what the provider says about them.
 */
@Service
public class Users {

	/** Interface languages a user may choose. */
	public static final Set<String> LANGUAGES = Set.of("fr", "en");

	private final UserStore store;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Users(UserStore store, Clock clock, ApplicationEventPublisher events) {
		this.store = store;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Records a login: creates the user on first login, otherwise refreshes name, e-mail, role and firm from
	 * the provider. Safe when two logins of the same person race (on two nodes). Publishes
	 * {@link UserLoggedIn} inside the transaction: a listener that fails makes the login fail.
	 * @return the user as stored now
	 */
	@Transactional
	public User recordLogin(SsoProfile profile) {
		User user = store.upsert(profile, clock.instant());
		events.publishEvent(new UserLoggedIn(user, profile));
		return user;
	}

	/** The user with this SSO subject, if they ever logged in. */
	@Transactional(readOnly = true)
	public Optional<User> findBySubject(String subject) {
		return store.findBySubject(subject);
	}

	/**
	 * The users an owner's identifier designates: by e-mail, SSO subject or provider login name (at most ten,
	 * most recent login first). For the firm module's server-side matching; the caller scopes the result to the
	 * firm.
	 */
	@Transactional(readOnly = true)
	public List<User> findByIdentifier(String identifier) {
		return identifier == null || identifier.isBlank() ? List.of() : store.findByIdentifier(identifier.strip(), 10);
	}

	/** The user with this id, if any. */
	@Transactional(readOnly = true)
	public Optional<User> findById(UserId id) {
		return store.findById(id);
	}

	/**
	 * All users, most recent login first: for platform administrators only (the web layer checks the role).
	 */
	@Transactional(readOnly = true)
	public List<User> listForAdministration(int limit) {
		return store.list(Math.max(1, Math.min(limit, 500)));
	}

	/** The users who last logged in with this role, most recent first, at most 500: e.g. to notify officers. */
	@Transactional(readOnly = true)
	public List<User> withRole(Role role) {
		return store.withRole(role, 500);
	}

	/**
	 * Changes the language of a user's interface and e-mails.
	 * @throws IllegalArgumentException if the language is not one of {@link #LANGUAGES}
	 * @return the updated user, or empty if there is no such user
	 */
	@Transactional
	public Optional<User> changeLanguage(UserId id, String language) {
		if (language == null || !LANGUAGES.contains(language)) {
			throw new IllegalArgumentException("Unsupported language");
		}
		store.updateLanguage(id, language);
		return store.findById(id);
	}

}
