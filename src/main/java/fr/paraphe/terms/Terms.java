package fr.paraphe.terms;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.terms.internal.TermsStore;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CGU: the current version, its publication by an administrator, and users' acceptances. Signing and
 * sealing call {@link #requireAccepted(UserId)} before they start.
 */
@Service
public class Terms {

	/** Where a user reads and accepts the current CGU. */
	public static final String ACCEPT_PATH = "/cgu";

	/** The longest text an administrator may publish (characters). */
	public static final int MAX_TEXT = 200_000;

	private final TermsStore store;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Terms(TermsStore store, Clock clock, ApplicationEventPublisher events) {
		this.store = store;
		this.clock = clock;
		this.events = events;
	}

	/** The version in force: the latest published; empty only if none was ever published. */
	@Transactional(readOnly = true)
	public Optional<TermsVersion> current() {
		return store.latest();
	}

	/** Every version, newest first. */
	@Transactional(readOnly = true)
	public List<TermsVersion> versions() {
		return store.versions();
	}

	@Transactional(readOnly = true)
	public Optional<TermsVersion> version(int number) {
		return store.version(number);
	}

	/**
	 * Publishes a new version, in force at once: every user must accept it before signing again. The caller
	 * checks that {@code administrator} is a platform administrator.
	 * @throws ProblemException 400 if the text is blank or too long
	 */
	@Transactional
	public TermsVersion publish(String text, UserId administrator) {
		if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "terms.publish.invalid");
		}
		String normalized = text.strip().replace("\r\n", "\n");
		TermsVersion version = store.insert(normalized, sha256(normalized), clock.instant(), administrator);
		events.publishEvent(new TermsEvents.TermsPublished(administrator.toString(), version.number(), version.sha256()));
		return version;
	}

	/**
	 * Records that {@code user} accepts version {@code number}, which must be the current one (a page left
	 * open while a new version was published does not count). Accepting twice keeps the first record.
	 * @param address the client's IP address
	 * @throws ProblemException 409 if {@code number} is not the current version
	 */
	@Transactional
	public TermsAcceptance accept(UserId user, int number, String address) {
		TermsVersion current = store.latest().orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "terms.outdated"));
		if (current.number() != number) {
			throw new ProblemException(HttpStatus.CONFLICT, "terms.outdated");
		}
		Optional<TermsAcceptance> existing = store.acceptance(user, number);
		if (existing.isPresent()) {
			return existing.get();
		}
		String safeAddress = address == null ? "?" : address.substring(0, Math.min(address.length(), 64));
		TermsAcceptance acceptance = new TermsAcceptance(user, number, current.sha256(), clock.instant(), safeAddress);
		store.insertAcceptance(acceptance);
		events.publishEvent(new TermsEvents.TermsAccepted(user.toString(), number, current.sha256(), safeAddress));
		return acceptance;
	}

	/** Whether the user accepted the version in force (true if no version was ever published). */
	@Transactional(readOnly = true)
	public boolean hasAccepted(UserId user) {
		Optional<TermsVersion> current = store.latest();
		return current.isEmpty() || store.acceptance(user, current.get().number()).isPresent();
	}

	/**
	 * For signing and sealing: returns if the user accepted the CGU in force.
	 * @throws ProblemException 403 ({@code terms.required}, whose text gives {@link #ACCEPT_PATH}) otherwise
	 */
	@Transactional(readOnly = true)
	public void requireAccepted(UserId user) {
		if (!hasAccepted(user)) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "terms.required", ACCEPT_PATH).withLink(ACCEPT_PATH,
					"terms.required.link");
		}
	}

	/**
	 * The CGU page with the way back to {@code returnTo}, the step the CGU interrupted, when it is a local path of
	 * the application; the plain CGU page otherwise.
	 */
	public static String acceptPath(String returnTo) {
		return isLocalPath(returnTo)
				? ACCEPT_PATH + "?retour=" + java.net.URLEncoder.encode(returnTo, java.nio.charset.StandardCharsets.UTF_8)
				: ACCEPT_PATH;
	}

	/**
	 * Whether {@code path} is a path of this application and nothing else: it starts with one slash, names no
	 * scheme or host ({@code //evil.example}, {@code /\evil.example}, {@code https://…}), and holds no control
	 * character; at most 300 characters. A way back that is not is ignored (no open redirect).
	 */
	public static boolean isLocalPath(String path) {
		if (path == null || path.isEmpty() || path.length() > 300 || path.charAt(0) != '/') {
			return false;
		}
		if (path.startsWith("//") || path.indexOf('\\') >= 0 || path.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
			return false;
		}
		try {
			java.net.URI uri = new java.net.URI(path);
			return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null
					&& uri.getRawPath().startsWith("/");
		}
		catch (java.net.URISyntaxException malformed) {
			return false;
		}
	}

	/**
	 * {@code problem} with a link to the CGU that comes back to {@code returnTo} when it is the refusal of
	 * {@link #requireAccepted}; any other problem unchanged.
	 */
	public static fr.paraphe.shared.ProblemException resumable(fr.paraphe.shared.ProblemException problem,
			String returnTo) {
		if ("terms.required".equals(problem.messageKey()) && ACCEPT_PATH.equals(problem.linkPath())) {
			problem.withLink(acceptPath(returnTo), problem.linkTextKey());
		}
		return problem;
	}

	/** The user's acceptances, newest first. */
	@Transactional(readOnly = true)
	public List<TermsAcceptance> acceptancesOf(UserId user) {
		return store.acceptancesOf(user);
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

}
