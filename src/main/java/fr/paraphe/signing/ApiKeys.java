package fr.paraphe.signing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.firm.Firm;
import fr.paraphe.firm.Firms;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.ApiKeyStore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Firms' API keys for the sealing API. A firm owner creates and revokes them; the key is returned once, only its
 * SHA-256 is stored (a 256-bit random key needs no slow hash). In the demonstration set-up a key given in
 * {@code PARAPHE_DEMO_API_KEY} belongs to the demo firm, created by its first owner.
 */
@Service
public class ApiKeys {

	/** The prefix of every key, so that secret scanners recognise them. */
	static final String PREFIX = "pph_";

	private static final Siren DEMO_SIREN = fr.paraphe.identity.DemoFirm.SIREN;

	private final ApiKeyStore store;

	private final Firms firms;

	private final Clock clock;

	private final String demoKey;

	private final SecureRandom random = new SecureRandom();

	private final org.springframework.context.ApplicationEventPublisher events;

	ApiKeys(ApiKeyStore store, Firms firms, Clock clock, @Value("${paraphe.signing.demo-api-key:}") String demoKey,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.store = store;
		this.firms = firms;
		this.clock = clock;
		this.demoKey = demoKey == null ? "" : demoKey.trim();
	}

	/** A created key: {@code secret} is shown to the owner once and never again. */
	public record Created(ApiKey key, String secret) {
	}

	/** Who a valid key speaks for. */
	public record Caller(FirmId firm, UserId createdBy, UUID keyId) {
	}

	/**
	 * Creates a key for the firm. Owners only.
	 * @param label shown to the owners; the shared rule for texts ({@code Names.text}, 100 characters); blank:
	 * "Clé API"
	 * @throws ProblemException 403/404 from {@link Firms#requireOwner}, 400 for a label {@code Names} refuses
	 */
	@Transactional
	public Created create(UserId owner, FirmId firm, String label) {
		firms.requireOwner(owner, firm);
		String cleaned = fr.paraphe.shared.Names.text(label, 100);
		String name = cleaned == null ? "Clé API" : cleaned;
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		ApiKey key = new ApiKey(UUID.randomUUID(), firm, owner, name, secret.substring(0, 10), clock.instant(), null);
		store.insert(key, hash(secret));
		events.publishEvent(new SigningEvents.ApiKeyChanged(firm, owner.value().toString(), key.prefix(), false));
		return new Created(key, secret);
	}

	/** The firm's keys, newest first. Owners only. */
	@Transactional(readOnly = true)
	public List<ApiKey> list(UserId owner, FirmId firm) {
		firms.requireOwner(owner, firm);
		return store.ofFirm(firm);
	}

	/** Revokes a key of the firm; revoking it twice changes nothing. Owners only. @throws ProblemException 404 */
	@Transactional
	public void revoke(UserId owner, FirmId firm, UUID key) {
		firms.requireOwner(owner, firm);
		String prefix = store.revoke(firm, key, clock.instant())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.apiKey.notFound"));
		events.publishEvent(new SigningEvents.ApiKeyChanged(firm, owner.value().toString(), prefix, true));
	}

	/**
	 * The firm a presented key speaks for.
	 * @return empty for an unknown, revoked or malformed key
	 */
	@Transactional(readOnly = true)
	public Optional<Caller> authenticate(String secret) {
		if (secret == null || secret.isBlank() || secret.length() > 200) {
			return Optional.empty();
		}
		Optional<Caller> stored = store.findValid(hash(secret))
			.map(owner -> new Caller(owner.firm(), owner.createdBy(), owner.keyId()));
		if (stored.isPresent() || demoKey.isEmpty() || !java.security.MessageDigest.isEqual(
				demoKey.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
			return stored;
		}
		return firms.findBySiren(DEMO_SIREN)
			.map(Firm::id)
			.flatMap(firm -> firms.ownersOf(firm).stream().findFirst().map(owner -> new Caller(firm, owner, null)));
	}

	static String hash(String secret) {
		return HexFormat.of()
			.formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(secret.getBytes(StandardCharsets.UTF_8)));
	}

}
