package fr.paraphe.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.identity.internal.UserStore;
import fr.paraphe.shared.AccountErasure;
import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.identity.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Supprimer mon compte": asks every module's {@link AccountErasure} whether something stops it (an owner who has
 * not handed their firm over), then, in one transaction, lets each erase or pseudonymise what it holds, and removes
 * the user: a later login by the same SSO subject creates a new person. Publishes {@link AccountDeleted}, whose
 * actor the audit trail shows as the pseudonym.
 */
@Service
public class AccountDeletion {

	/** The word the person types to confirm. */
	public static final String CONFIRMATION_WORD = "SUPPRIMER";

	private final UserStore store;

	private final List<AccountErasure> parts;

	private final ApplicationEventPublisher events;

	AccountDeletion(UserStore store, List<AccountErasure> parts, ApplicationEventPublisher events) {
		this.store = store;
		this.parts = parts;
		this.events = events;
	}

	/** Why this user may not delete their account now (message keys); empty when they may. */
	@Transactional(readOnly = true)
	public List<String> refusals(UserId user) {
		return parts.stream().map(part -> part.refusal(user)).flatMap(Optional::stream).distinct().toList();
	}

	/**
	 * Deletes the account of the user.
	 * @param confirmation what the person typed; must be {@link #CONFIRMATION_WORD} (case and spaces forgiven)
	 * @return the pseudonym the kept records now show
	 * @throws ProblemException 400 if not confirmed, 409 while a module refuses (the first refusal's message), 404
	 * for an unknown user
	 */
	@Transactional
	public String delete(UserId id, String confirmation) {
		if (confirmation == null || !CONFIRMATION_WORD.equalsIgnoreCase(confirmation.strip())) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "account.delete.invalid.confirmation");
		}
		User user = store.findByIdForUpdate(id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "account.delete.notFound"));
		List<String> refusals = refusals(id);
		if (!refusals.isEmpty()) {
			throw new ProblemException(HttpStatus.CONFLICT, refusals.get(0));
		}
		String pseudonym = pseudonymOf(id);
		AccountErasure.Erased erased = new AccountErasure.Erased(id, user.subject(), user.email(), pseudonym);
		parts.forEach(part -> part.erase(erased));
		store.delete(id);
		events.publishEvent(new AccountDeleted(id.toString(), pseudonym, UUID.randomUUID()));
		return pseudonym;
	}

	/** "utilisateur supprimé #" and the first 8 hex digits of SHA-256 of the user id. */
	static String pseudonymOf(UserId id) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.toString().getBytes(StandardCharsets.UTF_8));
			return "utilisateur supprimé #" + HexFormat.of().formatHex(digest).substring(0, 8);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A person deleted their account; the trail shows the actor (their former user id) as the pseudonym. */
	public record AccountDeleted(String actor, String pseudonym, UUID eventId) implements Auditable {

		public FirmId firm() {
			return null;
		}

		public String action() {
			return "account.deleted";
		}

		public Map<String, String> details() {
			return Map.of("pseudonym", pseudonym);
		}

	}

}
