package fr.paraphe.otp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import fr.paraphe.otp.internal.CodeStore;
import fr.paraphe.shared.ProblemException;

import org.springframework.http.HttpStatus;

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
 * Per person and purpose ({@link Limits}): codes sent are limited, and wrong tries are counted across codes,
 * both under a lock of the person's row of table {@code otp_guard}, so no race lets more through.
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
	 * @param limits how many codes and wrong tries one person may have for this purpose
	 */
	public record Purpose(String name, Duration validity, int maxTries, Limits limits) {

		public Purpose {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(limits, "limits");
			if (name.isBlank() || name.length() > 40) {
				throw new IllegalArgumentException("A purpose's name has 1 to 40 characters");
			}
			if (validity.isNegative() || validity.isZero() || maxTries < 1) {
				throw new IllegalArgumentException("A code needs a positive validity and at least one try");
			}
		}

		/** With the {@link Limits#DEFAULT default limits}. */
		public Purpose(String name, Duration validity, int maxTries) {
			this(name, validity, maxTries, Limits.DEFAULT);
		}

	}

	/**
	 * Per person and purpose, across all their codes (ASVS 5.0 §6.5 and §6.6: out-of-band codes are rate
	 * limited, and a new code does not give a new set of tries): at most {@code perMinute}, {@code perHour} and
	 * {@code perDay} new codes, and {@code maxFailures} wrong tries within {@code failureWindow}; beyond, no code of
	 * this purpose is sent nor accepted until the window has passed. A code accepted starts the count again.
	 */
	public record Limits(int perMinute, int perHour, int perDay, int maxFailures, Duration failureWindow) {

		/** 1 code a minute, 5 an hour, 10 a day; 10 wrong tries a day (two codes' worth). */
		public static final Limits DEFAULT = new Limits(1, 5, 10, 10, Duration.ofDays(1));

		public Limits {
			if (perMinute < 1 || perHour < perMinute || perDay < perHour || maxFailures < 1
					|| failureWindow.isNegative() || failureWindow.isZero()) {
				throw new IllegalArgumentException("Limits need 1 ≤ per minute ≤ per hour ≤ per day and a failure budget");
			}
		}

	}

	/**
	 * Refused: the person asked too many codes, or made too many wrong tries, for this purpose. 429, with the wait
	 * in the message ({@code otp.tooSoon}: "attendez 42 minutes").
	 */
	public static final class TooSoon extends ProblemException {

		private static final long serialVersionUID = 1L;

		private final transient Duration wait;

		public TooSoon(Duration wait) {
			super(HttpStatus.TOO_MANY_REQUESTS, waitKey(wait), waitAmount(wait));
			this.wait = wait;
		}

		/** How long until a code may be asked (or tried) again. */
		public Duration waitTime() {
			return wait;
		}

	}

	/** {@code otp.wait.minutes} up to two hours, then {@code otp.wait.hours}. */
	public static String waitKey(Duration wait) {
		return wait.compareTo(Duration.ofHours(2)) < 0 ? "otp.wait.minutes" : "otp.wait.hours";
	}

	/** The wait in whole minutes (or hours beyond two hours), rounded up, at least 1. */
	public static long waitAmount(Duration wait) {
		long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
		return minutes < 120 ? minutes : (minutes + 59) / 60;
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
		UNKNOWN,

		/**
		 * The person made too many wrong tries for this purpose, across codes: no code is accepted until
		 * {@link Check#waitTime()} has passed (a wrong try is still counted).
		 */
		LOCKED

	}

	/**
	 * A verdict and the tries left (0 unless {@link Verdict#WRONG}).
	 * @param counted whether this call counted a wrong try (a {@link Verdict#WRONG}, the try that burned the code,
	 * or a wrong try against a code no longer pending or while {@link Verdict#LOCKED})
	 * @param waitTime for {@link Verdict#LOCKED}, how long until the person may try again; otherwise zero
	 */
	public record Check(Verdict verdict, int remainingTries, boolean counted, Duration waitTime) {

		public Check(Verdict verdict, int remainingTries, boolean counted) {
			this(verdict, remainingTries, counted, Duration.ZERO);
		}

		public boolean accepted() {
			return verdict == Verdict.ACCEPTED;
		}

	}

	/**
	 * Issues a new code for {@code binding}; a code still pending for the same purpose and binding is superseded.
	 * With an owner, the person's row of this purpose is locked first ({@code SELECT ... FOR UPDATE}), so the
	 * count of codes already sent and the insert of the new one happen under one lock: concurrent requests are
	 * served one after the other, and only those within {@link Purpose#limits()} get a code.
	 * @param owner the person the code is sent to, or null (no per-person limit)
	 * @throws TooSoon (429) beyond the person's limits, with the wait
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public Issued issue(Purpose purpose, UUID binding, UUID owner) {
		Objects.requireNonNull(binding, "binding");
		Instant now = clock.instant();
		if (owner != null) {
			Limits limits = purpose.limits();
			CodeStore.Guard guard = store.lockGuard(purpose.name(), owner, now, limits.failureWindow());
			// The time once the lock is held: codes counted below were sent before it, never after.
			now = clock.instant();
			if (guard.failedTries() >= limits.maxFailures()) {
				throw new TooSoon(Duration.between(now, guard.windowStart().plus(limits.failureWindow())));
			}
			List<Instant> sent = store.issuedSince(purpose.name(), owner, now.minus(Duration.ofDays(1)));
			Duration wait = Duration.ZERO;
			wait = max(wait, waitFor(sent, now, Duration.ofMinutes(1), limits.perMinute()));
			wait = max(wait, waitFor(sent, now, Duration.ofHours(1), limits.perHour()));
			wait = max(wait, waitFor(sent, now, Duration.ofDays(1), limits.perDay()));
			if (!wait.isZero()) {
				throw new TooSoon(wait);
			}
		}
		store.supersedePending(purpose.name(), binding);
		String code = String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
		Instant expiresAt = now.plus(purpose.validity());
		store.insert(UUID.randomUUID(), purpose.name(), binding, owner, hash(binding, code), now, expiresAt,
				purpose.maxTries());
		return new Issued(binding, code, expiresAt);
	}

	/** Zero when fewer than {@code limit} of {@code sent} (oldest first) fall in the window; else until one leaves it. */
	private static Duration waitFor(List<Instant> sent, Instant now, Duration window, int limit) {
		List<Instant> inWindow = sent.stream().filter(at -> at.isAfter(now.minus(window))).toList();
		if (inWindow.size() < limit) {
			return Duration.ZERO;
		}
		Instant leaves = inWindow.get(inWindow.size() - limit).plus(window);
		return Duration.between(now, leaves).isNegative() ? Duration.ZERO : Duration.between(now, leaves);
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

	/** Supersedes every pending code of this purpose sent to {@code owner} (a newer request replaces older ones). */
	@Transactional(propagation = Propagation.REQUIRED)
	public void supersedeOwnersCodes(Purpose purpose, UUID owner) {
		store.supersedePendingOfOwner(purpose.name(), owner);
	}

	/**
	 * Checks {@code presented} against the latest code of {@code binding}: accepts it once, or counts a wrong try
	 * (burning the code at the last one). Anything but six digits is a wrong try. Never throws for a bad code.
	 * <p>
	 * A wrong try also counts against the code's owner for this purpose, whatever the code (pending, burned,
	 * superseded...), so asking new codes gives no new tries; beyond {@link Limits#maxFailures()} the verdict is
	 * {@link Verdict#LOCKED} even for the right code. The owner's row is locked before the code's (the order of
	 * {@link #issue}), so concurrent tries are counted one after the other.
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public Check check(Purpose purpose, UUID binding, String presented) {
		UUID owner = store.ownerOfLatest(purpose.name(), binding).orElse(null);
		Instant now = clock.instant();
		CodeStore.Guard guard = owner == null ? null
				: store.lockGuard(purpose.name(), owner, now, purpose.limits().failureWindow());
		CodeStore.Row row = store.latestForUpdate(purpose.name(), binding).orElse(null);
		if (row == null) {
			return new Check(Verdict.UNKNOWN, 0, false);
		}
		String candidate = presented == null ? "" : presented.strip();
		// Always hash and compare, whatever the input, so that timing says nothing about the stored hash.
		boolean matches = matches(hash(binding, candidate), row.codeHash()) && SIX_DIGITS.matcher(candidate).matches();
		if (guard != null && guard.failedTries() >= purpose.limits().maxFailures()) {
			if (!matches) {
				store.countFailure(purpose.name(), owner);
			}
			return new Check(Verdict.LOCKED, 0, !matches,
					Duration.between(now, guard.windowStart().plus(purpose.limits().failureWindow())));
		}
		Verdict settled = switch (row.state()) {
			case PENDING -> null;
			case USED -> Verdict.USED;
			case BURNED -> Verdict.BURNED;
			case SUPERSEDED -> Verdict.SUPERSEDED;
			case EXPIRED -> Verdict.EXPIRED;
		};
		if (settled == null && now.isAfter(row.expiresAt())) {
			store.update(row.id(), row.failedTries(), CodeStore.State.EXPIRED);
			settled = Verdict.EXPIRED;
		}
		if (settled != null) {
			if (!matches && guard != null) {
				store.countFailure(purpose.name(), owner);
			}
			return new Check(settled, 0, !matches && guard != null);
		}
		if (matches) {
			store.update(row.id(), row.failedTries(), CodeStore.State.USED);
			if (guard != null) {
				store.resetFailures(purpose.name(), owner, now);
			}
			return new Check(Verdict.ACCEPTED, 0, false);
		}
		if (guard != null) {
			store.countFailure(purpose.name(), owner);
		}
		int failures = row.failedTries() + 1;
		if (failures >= row.maxTries()) {
			store.update(row.id(), failures, CodeStore.State.BURNED);
			return new Check(Verdict.BURNED, 0, true);
		}
		store.update(row.id(), failures, CodeStore.State.PENDING);
		int personLeft = guard == null ? Integer.MAX_VALUE : purpose.limits().maxFailures() - guard.failedTries() - 1;
		return new Check(Verdict.WRONG, Math.max(0, Math.min(row.maxTries() - failures, personLeft)), true);
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
