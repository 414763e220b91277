package fr.paraphe.signing.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.firm.Firm;
import fr.paraphe.firm.Firms;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.ApiKey;
import fr.paraphe.signing.ApiKeys;
import fr.paraphe.signing.ApiKeys.Caller;
import fr.paraphe.signing.SigningEvents;
import fr.paraphe.signing.internal.ApiScope;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Firms' API keys for the sealing API, as the module's pages and API gate manage them (the module's API is
 * {@link ApiKeys}: who a key speaks for). A firm owner creates and revokes them; the key is returned once, only its
 * SHA-256 is stored (a 256-bit random key needs no slow hash). In the demonstration set-up a key given in
 * {@code PARAPHE_DEMO_API_KEY} belongs to the demo firm, created by its first owner.
 */
@Service
public class ApiKeyRing {

	/** The prefix of every key, so that secret scanners recognise them. */
	static final String PREFIX = "pph_";

	private static final Siren DEMO_SIREN = fr.paraphe.identity.DemoFirm.SIREN;

	private final ApiKeyStore store;

	private final Firms firms;

	private final Clock clock;

	private final String demoKey;

	private final SecureRandom random = new SecureRandom();

	private final org.springframework.context.ApplicationEventPublisher events;

	private final int defaultRatePerMinute;

	private final int maxRatePerMinute;

	ApiKeyRing(ApiKeyStore store, Firms firms, Clock clock, @Value("${paraphe.signing.demo-api-key:}") String demoKey,
			org.springframework.context.ApplicationEventPublisher events,
			@Value("${paraphe.signing.api-rate-limit.per-minute:120}") int defaultRatePerMinute,
			@Value("${paraphe.signing.api-rate-limit.max-per-minute:1200}") int maxRatePerMinute) {
		this.defaultRatePerMinute = Math.max(1, defaultRatePerMinute);
		this.maxRatePerMinute = Math.max(this.defaultRatePerMinute, maxRatePerMinute);
		this.events = events;
		this.store = store;
		this.firms = firms;
		this.clock = clock;
		this.demoKey = demoKey == null ? "" : demoKey.trim();
	}

	/** A created key: {@code secret} is shown to the owner once and never again. */
	public record Created(ApiKey key, String secret) {
	}

	/**
	 * Creates a key for the firm with every scope and no expiry. Owners only.
	 * @see #create(UserId, FirmId, String, Set, Instant)
	 */
	@Transactional
	public Created create(UserId owner, FirmId firm, String label) {
		return create(owner, firm, label, EnumSet.allOf(ApiScope.class), null);
	}

	/** A key with the configured rate limit. @see #create(UserId, FirmId, String, Set, Instant, Integer) */
	@Transactional
	public Created create(UserId owner, FirmId firm, String label, Set<ApiScope> scopes, Instant expiresAt) {
		return create(owner, firm, label, scopes, expiresAt, null);
	}

	/**
	 * Creates a key for the firm. Owners only.
	 * @param label shown to the owners; the shared rule for texts ({@code Names.text}, 100 characters); blank:
	 * "Clé API"
	 * @param scopes what the key may do: at least one
	 * @param expiresAt when the key stops working; null: never
	 * @param ratePerMinute the key's own rate limit, 1 to {@code paraphe.signing.api-rate-limit.max-per-minute};
	 * null: {@code paraphe.signing.api-rate-limit.per-minute}
	 * @throws ProblemException 403/404 from {@link Firms#requireOwner}, 400 for a label {@code Names} refuses, no
	 * scope, an expiry that is not in the future or a rate limit out of bounds
	 */
	@Transactional
	public Created create(UserId owner, FirmId firm, String label, Set<ApiScope> scopes, Instant expiresAt,
			Integer ratePerMinute) {
		firms.requireOwner(owner, firm);
		String cleaned = fr.paraphe.shared.Names.text(label, 100);
		String name = cleaned == null ? "Clé API" : cleaned;
		if (scopes == null || scopes.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.apiKey.noScope");
		}
		Instant now = clock.instant();
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.apiKey.badExpiry");
		}
		if (ratePerMinute != null && (ratePerMinute < 1 || ratePerMinute > maxRatePerMinute)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.apiKey.badRateLimit", maxRatePerMinute);
		}
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		ApiKey key = new ApiKey(UUID.randomUUID(), firm, owner, name, secret.substring(0, 10), now, null, scopes,
				expiresAt, null, ratePerMinute);
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
	 * @return empty for an unknown, revoked, expired or malformed key
	 */
	@Transactional(readOnly = true)
	public Optional<Caller> authenticate(String secret) {
		Check check = lookUp(secret);
		return check.status() == Check.Status.VALID ? Optional.of(check.caller()) : Optional.empty();
	}

	/**
	 * What a presented key is, for the API's gate: unknown (also revoked or malformed), expired, or valid with its
	 * scopes. A valid key's last use is recorded, at most once a minute.
	 */
	@Transactional
	public Check check(String secret) {
		Check check = lookUp(secret);
		if (check.status() == Check.Status.VALID && check.caller().keyId() != null) {
			Instant now = clock.instant();
			if (check.lastUsedAt() == null || check.lastUsedAt().isBefore(now.minus(LAST_USE_PERIOD))) {
				store.touch(check.caller().keyId(), now, now.minus(LAST_USE_PERIOD));
			}
		}
		return check;
	}

	/** How often at most a key's last use is written. */
	static final java.time.Duration LAST_USE_PERIOD = java.time.Duration.ofMinutes(1);

	/**
	 * A presented key as the API's gate sees it.
	 * @param caller null unless valid
	 * @param scopes what a valid key may do (empty otherwise)
	 * @param lastUsedAt the key's recorded last use before this one
	 * @param ratePerMinute the key's rate limit (its own or the configured default); 0 unless valid
	 */
	public record Check(Status status, Caller caller, Set<ApiScope> scopes, Instant lastUsedAt, int ratePerMinute) {

		public enum Status {
			UNKNOWN, EXPIRED, VALID
		}

		static final Check UNKNOWN = new Check(Status.UNKNOWN, null, Set.of(), null, 0);

		public boolean allows(ApiScope scope) {
			return status == Status.VALID && scopes.contains(scope);
		}

	}

	private Check lookUp(String secret) {
		if (secret == null || secret.isBlank() || secret.length() > 200) {
			return Check.UNKNOWN;
		}
		Optional<ApiKey> stored = store.findUnrevoked(hash(secret));
		if (stored.isPresent()) {
			ApiKey key = stored.get();
			if (key.isExpired(clock.instant())) {
				return new Check(Check.Status.EXPIRED, null, Set.of(), key.lastUsedAt(), 0);
			}
			return new Check(Check.Status.VALID, new Caller(key.firm(), key.createdBy(), key.id()), key.scopes(),
					key.lastUsedAt(), key.ratePerMinute() == null ? defaultRatePerMinute : key.ratePerMinute());
		}
		if (demoKey.isEmpty() || !java.security.MessageDigest.isEqual(demoKey.getBytes(StandardCharsets.UTF_8),
				secret.getBytes(StandardCharsets.UTF_8))) {
			return Check.UNKNOWN;
		}
		// The demonstration key of PARAPHE_DEMO_API_KEY has no row: every scope, no expiry.
		return firms.findBySiren(DEMO_SIREN)
			.map(Firm::id)
			.flatMap(firm -> firms.ownersOf(firm).stream().findFirst().map(owner -> new Caller(firm, owner, null)))
			.map(caller -> new Check(Check.Status.VALID, caller, EnumSet.allOf(ApiScope.class), null,
					defaultRatePerMinute))
			.orElse(Check.UNKNOWN);
	}

	/** The bounds of a key's own rate limit: the configured default and maximum, per minute. */
	public int defaultRatePerMinute() {
		return defaultRatePerMinute;
	}

	public int maxRatePerMinute() {
		return maxRatePerMinute;
	}

	static String hash(String secret) {
		return HexFormat.of()
			.formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(secret.getBytes(StandardCharsets.UTF_8)));
	}

}
