package fr.paraphe.signing;

import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.ApiKeyRing;

import org.springframework.stereotype.Service;

/**
 * Firms' API keys as other modules use them: who a presented key speaks for (the webhooks' and the validation's API
 * authenticate their callers with it), and a firm owner's key with every scope. The pages and the API's gate manage
 * keys (scopes, expiry, rate limits, revocation) through the module's own {@code internal.ApiKeyRing}.
 */
@Service
public class ApiKeys {

	private final ApiKeyRing ring;

	ApiKeys(ApiKeyRing ring) {
		this.ring = ring;
	}

	/** Who a valid key speaks for. */
	public record Caller(FirmId firm, UserId createdBy, UUID keyId) {
	}

	/** A created key: {@code secret} is shown to the owner once and never again. */
	public record Created(UUID id, String secret) {
	}

	/**
	 * The firm a presented key speaks for.
	 * @return empty for an unknown, revoked, expired or malformed key
	 */
	public Optional<Caller> authenticate(String secret) {
		return ring.authenticate(secret);
	}

	/**
	 * Creates a key for the firm with every scope, no expiry and the configured rate limit. Owners only.
	 * @throws ProblemException 403/404 for someone who is not an owner of the firm, 400 for a label the shared rule
	 * for texts refuses
	 */
	public Created create(UserId owner, FirmId firm, String label) {
		ApiKeyRing.Created created = ring.create(owner, firm, label);
		return new Created(created.key().id(), created.secret());
	}

}
