package fr.paraphe.otp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import fr.paraphe.otp.internal.CodeStore;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks one-time codes. A code is bound to a <em>binding</em>, the id of the request it confirms (a
 * signing request, a revocation request): it is only accepted for that binding and that {@link Purpose}. Only
 * SHA-256(binding ‖ ":" ‖ code) is stored, so the database never holds a usable code.
 * <p>
 * Rules, the same for every caller: 6 digits from {@link SecureRandom}; valid {@link Purpose#validity()};
 * {@link Purpose#maxTries()} wrong tries burn it; accepted once (then {@link Verdict#USED}); a new code for the same
 * binding supersedes the pending one. The comparison is in constant time ({@link MessageDigest#isEqual}).
 * <p>
 * Transactions: both methods join the caller's transaction (they never open a second connection). A wrong try is
 * counted in that transaction, so the caller must commit even when it then refuses the action
 * ({@code @Transactional(noRollbackFor = ...)}). {@link #check} locks the code's row ({@code SELECT ... FOR UPDATE})
 * before counting, so two concurrent tries of one code are counted one after the other.
 * <p>
 * Extension points: every code row carries its purpose, binding, owner and creation time, so per-person or
 * per-purpose send limits can be counted from this table ({@code CodeStore#countIssuedSince}) before
 * {@link #issue}.
 */
@Service
public class OneTimeCodes {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

	private final CodeStore store;

	private final Clock clock;

	OneTimeCodes(CodeStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * The same codes read against another clock: for tests that move time, and for a batch that judges expiry at a
	 * given instant.
	 */
	public OneTimeCodes at(Clock otherClock) {
		return new OneTimeCodes(store, otherClock);
	}

	/**
	 * What a code confirms, with its rules.
	 * @param name stored with each code, at most 40 characters (e.g. {@code signing.personal})
	 */
	public record Purpose(String name, Duration validity, int maxTries) {

		public Purpose {
			Objects.requireNonNull(name, "name");
			if (name.isBlank() || name.length() > 40) {
				throw new IllegalArgumentException("A purpose's name has 1 to 40 characters");
			}
			if (validity.isNegative() || validity.isZero() || maxTries < 1) {
				throw new IllegalArgumentException("A code needs a positive validity and at least one try");
			}
		}

	}

	/**
	 * A code just issued: {@code code} goes to the person (e-mail, SMS) and is never stored nor logged.
	 */
	public record Issued(UUID binding, String code, Instant expiresAt) {

		@Override
		public String toString() {
			return "Issued[binding=" + binding + ", expiresAt=" + expiresAt + "]";
		}

	}

	/** The outcome of {@link #check}. */
	public enum Verdict {

		/** The right code, pending and in time: now used, it will not be accepted again. */
		ACCEPTED,

		/** A wrong code: one try counted, the code stays pending ({@link Check#remainingTries()} > 0). */
		WRONG,

		/** A wrong code that used the last try: the code is burned. */
		BURNED,

		/** The code's time is over (also when the right code comes late). */
		EXPIRED,

		/** The code was already accepted once. */
		USED,

		/** A newer code was issued for the binding (or for the owner, see {@link #supersedeOwnersCodes}). */
		SUPERSEDED,

		/** No code was ever issued for this purpose and binding. */
		UNKNOWN

	}

	/**
	 * A verdict and the tries left (0 unless {@link Verdict#WRONG}).
	 * @param counted whether this call counted a wrong try (a {@link Verdict#WRONG}, or the try that burned the code)
	 */
	public record Check(Verdict verdict, int remainingTries, boolean counted) {

		public boolean accepted() {
			return verdict == Verdict.ACCEPTED;
		}

	}

	/**
	 * Issues a new code for {@code binding}; a code still pending for the same purpose and binding is superseded.
	 * @param owner the person the code is sent to, or null; kept for per-person limits
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public Issued issue(Purpose purpose, UUID binding, UUID owner) {
		Objects.requireNonNull(binding, "binding");
		Instant now = clock.instant();
		store.supersedePending(purpose.name(), binding);
		String code = String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
		Instant expiresAt = now.plus(purpose.validity());
		store.insert(UUID.randomUUID(), purpose.name(), binding, owner, hash(binding, code), now, expiresAt,
				purpose.maxTries());
		return new Issued(binding, code, expiresAt);
	}

	/** Supersedes every pending code of this purpose sent to {@code owner} (a newer request replaces older ones). */
	@Transactional(propagation = Propagation.REQUIRED)
	public void supersedeOwnersCodes(Purpose purpose, UUID owner) {
		store.supersedePendingOfOwner(purpose.name(), owner);
	}

	/**
	 * Checks {@code presented} against the latest code of {@code binding}: accepts it once, or counts a wrong try
	 * (burning the code at the last one). Anything but six digits is a wrong try. Never throws for a bad code.
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public Check check(Purpose purpose, UUID binding, String presented) {
		CodeStore.Row row = store.latestForUpdate(purpose.name(), binding).orElse(null);
		if (row == null) {
			return new Check(Verdict.UNKNOWN, 0, false);
		}
		switch (row.state()) {
			case PENDING -> {
			}
			case USED -> {
				return new Check(Verdict.USED, 0, false);
			}
			case BURNED -> {
				return new Check(Verdict.BURNED, 0, false);
			}
			case SUPERSEDED -> {
				return new Check(Verdict.SUPERSEDED, 0, false);
			}
			case EXPIRED -> {
				return new Check(Verdict.EXPIRED, 0, false);
			}
		}
		if (clock.instant().isAfter(row.expiresAt())) {
			store.update(row.id(), row.failedTries(), CodeStore.State.EXPIRED);
			return new Check(Verdict.EXPIRED, 0, false);
		}
		String candidate = presented == null ? "" : presented.strip();
		// Always hash and compare, whatever the input, so that timing says nothing about the stored hash.
		boolean matches = matches(hash(binding, candidate), row.codeHash()) && SIX_DIGITS.matcher(candidate).matches();
		if (matches) {
			store.update(row.id(), row.failedTries(), CodeStore.State.USED);
			return new Check(Verdict.ACCEPTED, 0, false);
		}
		int failures = row.failedTries() + 1;
		if (failures >= row.maxTries()) {
			store.update(row.id(), failures, CodeStore.State.BURNED);
			return new Check(Verdict.BURNED, 0, true);
		}
		store.update(row.id(), failures, CodeStore.State.PENDING);
		return new Check(Verdict.WRONG, row.maxTries() - failures, true);
	}

	/** SHA-256(binding ":" code) in lower-case hex: what is stored of a code. */
	public static String hash(UUID binding, String code) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest((binding + ":" + code).getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** Constant-time comparison of two hex hashes. */
	static boolean matches(String presentedHash, String storedHash) {
		return MessageDigest.isEqual(presentedHash.getBytes(StandardCharsets.US_ASCII),
				storedHash.getBytes(StandardCharsets.US_ASCII));
	}

}
