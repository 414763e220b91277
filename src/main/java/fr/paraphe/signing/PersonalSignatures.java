package fr.paraphe.signing;

import fr.paraphe.signing.internal.Documents;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.billing.Reservation;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.User;
import fr.paraphe.notification.Notifications;
import fr.paraphe.otp.OneTimeCodes;
import fr.paraphe.pades.Appearance;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.pki.CertificateProfile;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.SigningKeys;
import fr.paraphe.signing.internal.SigningProperties;
import fr.paraphe.signing.internal.SigningRequestStore;
import fr.paraphe.terms.Terms;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's own signature with their signing certificate, confirmed by a one-time code sent by e-mail (sole
 * control of the signing key, eIDAS art. 26 c): {@link #prepare} keeps the PDF and the placement and sends the
 * code; {@link #confirm} checks it, signs and debits the firm (reserve, sign, settle); {@link #signed} gives the result.
 * Every request belongs to its user: another user gets 404.
 */
@Service
public class PersonalSignatures {

	static final Duration CODE_VALIDITY = Duration.ofMinutes(10);

	static final int MAX_ATTEMPTS = 5;

	/** The code that confirms a personal signature. */
	/** The codes of personal signatures, limited per person by {@code paraphe.signing.code-limits.*}. */
	private final OneTimeCodes.Purpose code;

	private final SigningRequestStore store;

	private final Drafts drafts;

	private final OneTimeCodes codes;

	private final CertificationAuthority ca;

	private final Firms firms;

	private final Billing billing;

	private final PadesSigner signer;

	private final SigningKeys keys;

	private final Notifications notifications;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Terms terms;

	private final Documents documents;

	private final TransactionTemplate transactions;

	PersonalSignatures(SigningRequestStore store, Drafts drafts, OneTimeCodes codes, CertificationAuthority ca,
			Firms firms, Billing billing, PadesSigner signer, SigningKeys keys, Notifications notifications,
			Clock clock, ApplicationEventPublisher events, Terms terms, SigningProperties properties,
			Documents documents, TransactionTemplate transactions) {
		this.documents = documents;
		this.transactions = transactions;
		SigningProperties.CodeLimits limits = properties.codeLimits();
		this.code = new OneTimeCodes.Purpose("signing.personal", CODE_VALIDITY, MAX_ATTEMPTS,
				new OneTimeCodes.Limits(limits.perMinute(), limits.perHour(), limits.perDay(), limits.maxFailures(),
						java.time.Duration.ofDays(1)));
		this.store = store;
		this.drafts = drafts;
		this.codes = codes;
		this.terms = terms;
		this.events = events;
		this.ca = ca;
		this.firms = firms;
		this.billing = billing;
		this.signer = signer;
		this.keys = keys;
		this.notifications = notifications;
		this.clock = clock;
	}

	/** The user's newest valid signing certificate; empty if none. */
	public Optional<IssuedCertificate> certificateOf(UserId user) {
		return ca.certificatesOf(user)
			.stream()
			.filter(certificate -> certificate.profile() == CertificateProfile.NATURAL_PERSON)
			.filter(certificate -> certificate.status(clock.instant()) == IssuedCertificate.Status.VALID)
			.findFirst();
	}

	/**
	 * Keeps the PDF and its placement and e-mails a six-digit code, valid ten minutes: {@link #upload} then
	 * {@link #place} in one call.
	 * @param appearance the visible box, or null for an invisible signature
	 */
	@Transactional
	public UUID prepare(User user, Locale locale, String fileName, byte[] pdf, SignatureLevel level, String reason,
			Appearance appearance) {
		UUID id = upload(user, fileName, pdf, level, reason);
		place(user, locale, id, appearance);
		return id;
	}

	/**
	 * Keeps an uploaded PDF as a draft, to be placed ({@link #place}) before any code is sent.
	 * @throws ProblemException 409 {@code signing.error.noCertificate}, 403/404 without the SIGN delegation, 400
	 * {@code signing.error.noEmail}, and the input errors 413 {@code signing.error.tooLarge}, 415
	 * {@code signing.error.notPdf}, 400 {@code signing.error.encrypted} / {@code signing.error.damaged}
	 */
	@Transactional
	public UUID upload(User user, String fileName, byte[] pdf, SignatureLevel level, String reason) {
		Membership membership = firms.membershipOf(user.id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
		firms.require(user.id(), membership.firm(), Delegation.SIGN);
		// Signing opens only once the CGU in force are accepted.
		terms.requireAccepted(user.id());
		if (certificateOf(user.id()).isEmpty()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.error.noCertificate");
		}
		if (user.email() == null || user.email().isBlank()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.noEmail");
		}
		String why = fr.paraphe.shared.Names.text(reason, SignatureParameters.MAX_TEXT);
		drafts.check(pdf);
		UUID id = UUID.randomUUID();
		store.insert(id, user.id(), membership.firm(), shorten(fileName, 255), pdf, level, why, clock.instant());
		return id;
	}

	/**
	 * Places the signature of a request not yet signed (again, if the signer changes their mind) and e-mails a
	 * new six-digit code, valid ten minutes; an earlier code no longer works. Placing again gives no new tries: they
	 * are counted per person across codes, and new codes are limited ({@code paraphe.signing.code-limits.*}).
	 * @param appearance the visible box, in points from the displayed page's lower-left corner, or null for an
	 * invisible signature
	 * @throws ProblemException 404 unknown request, 409 {@code signing.error.alreadySigned}, 400
	 * {@code signing.error.badPlacement} for a box outside the page, 429 {@code otp.wait.*} (with the wait) beyond
	 * the limits of codes
	 */
	@Transactional
	public void place(User user, Locale locale, UUID id, Appearance appearance) {
		Request request = find(user.id(), id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
		if (request.signed()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.error.alreadySigned");
		}
		if (appearance != null) {
			Drafts.requireInside(pageSizes(user.id(), id), List.of(appearance));
		}
		store.place(id, appearance, clock.instant());
		sendCode(user, locale, request);
	}

	/**
	 * "Recevoir un nouveau code": for a placed request not signed yet, a new code by e-mail (the previous one no
	 * longer counts), within the limits of codes.
	 * @throws ProblemException 404 unknown request, 409 {@code signing.error.alreadySigned} or
	 * {@code signing.error.notPlaced}, 429 {@code otp.wait.*}
	 */
	@Transactional
	public void sendNewCode(User user, Locale locale, UUID id) {
		Request request = find(user.id(), id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
		if (request.signed()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.error.alreadySigned");
		}
		if (!request.placed()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.error.notPlaced");
		}
		sendCode(user, locale, request);
	}

	private void sendCode(User user, Locale locale, Request request) {
		String code = codes.issue(this.code, request.id(), user.id().value()).code();
		notifications.email(user.email(), locale, "signing-code",
				Map.of("name", user.displayName() == null ? "" : user.displayName(), "code", code, "fileName",
						request.fileName(), "minutes", CODE_VALIDITY.toMinutes()));
	}

	/** The displayed size of each page of this user's request's PDF. @throws ProblemException 404 */
	@Transactional(readOnly = true)
	public List<PageSize> pageSizes(UserId user, UUID id) {
		return drafts.pageSizes(Drafts.Kind.SIGNATURE, user, id);
	}

	/**
	 * A picture (PNG) of one page of this user's request's PDF, for placing the signature.
	 * @throws ProblemException 404 for another user's request or a page the PDF does not have, 422 for a page too
	 * costly to draw ({@link Drafts#pagePicture})
	 */
	public byte[] pagePicture(UserId user, UUID id, int page) {
		return drafts.pagePicture(Drafts.Kind.SIGNATURE, user, id, page);
	}

	/**
	 * Deletes the requests (uploaded and signed PDFs) created before the retention period
	 * ({@code paraphe.signing.request-retention}): a signed PDF stays downloadable that long, a draft or an
	 * unconfirmed request goes with it. Idempotent, so every node may run it ({@link Drafts#purge()} does, hourly).
	 * @return how many were deleted
	 */
	@Transactional
	public int purge() {
		return drafts.purge(Drafts.Kind.SIGNATURE);
	}

	/**
	 * Checks the code and signs. A wrong code counts as an attempt; after five, or ten minutes, the request must
	 * start again; after ten wrong tries in a day (across codes) no code is accepted until the day has passed.
	 * <p>Paid as seals are ({@link FirmSeals}): the code is checked and the price reserved in short transactions
	 * of their own, the document is signed with no lock and no connection held, then the debit, keyed by the
	 * request's id ({@code signature:<id>}), is taken in the transaction that records the signed PDF. A failed
	 * signature releases the reservation (the code is spent: the signer places again for a new one); one left by a
	 * crash is released by billing's housekeeping, never debited.
	 * @throws ProblemException 404 unknown request, 409 {@code signing.error.alreadySigned}, 400
	 * {@code signing.error.badCode} / {@code signing.error.codeExpired}, 429 {@code otp.wait.*}, 402 balance
	 * (nothing signed, the code still valid)
	 */
	public void confirm(UserId user, UUID id, String code) {
		Request request = find(user, id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
		if (request.signed()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.error.alreadySigned");
		}
		if (!request.placed()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.error.notPlaced");
		}
		IssuedCertificate certificate = certificateOf(user)
			.orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "signing.error.noCertificate"));
		firms.require(user, request.firm(), Delegation.SIGN);
		// Refused before the code is spent, so that the signer confirms again once the account is credited.
		billing.requireCovers(request.firm(), Operation.SIGNATURE);
		// Committed whatever the verdict: a wrong try stays counted.
		OneTimeCodes.Check check = transactions.execute(status -> codes.check(this.code, id, code));
		if (check.verdict() == OneTimeCodes.Verdict.LOCKED) {
			throw new WrongCode(check.waitTime());
		}
		if (check.counted()) {
			throw new WrongCode();
		}
		if (!check.accepted()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.codeExpired");
		}
		byte[] document = drafts.document(Drafts.Kind.SIGNATURE, user, id);
		SignatureParameters parameters = CertifiedNames.apply(certificate,
				new SignatureParameters(request.level(), null, null, request.reason(), null, null, request.appearance(), 0));
		Reservation reservation = billing.reserve(request.firm(), Operation.SIGNATURE, "signature:" + id,
				user.value().toString());
		if (reservation.replayed()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.error.alreadySigned");
		}
		try {
			byte[] signed = signer.sign(document, keys.of(certificate), parameters);
			transactions.executeWithoutResult(status -> {
				// The debit last: the firm's account row stays locked only from the settlement to the commit.
				store.recordSigned(id, signed);
				documents.record(request.firm(), user, Documents.Kind.SIGNATURE, Documents.Channel.PAGE,
						request.fileName(), request.level(), false, reservation.amount(), signed);
				events.publishEvent(new SigningEvents.DocumentSigned(request.firm(), user.value().toString(),
						request.level().etsiName(), certificate.serial().hex(), fr.paraphe.shared.Sha256.hex(signed)));
				billing.settle(reservation);
			});
		}
		catch (RuntimeException | Error failure) {
			billing.release(reservation);
			throw failure;
		}
	}

	/**
	 * The user's documents waiting for their signature (uploaded or placed on {@code /signer}, not signed yet,
	 * still within the retention), newest first, at most 20: the home page lists them.
	 */
	@Transactional(readOnly = true)
	public List<Waiting> waiting(UserId user) {
		return store.waiting(user, 20)
			.stream()
			.map(row -> new Waiting(row.id(), row.fileName(), row.placed(), row.createdAt()))
			.toList();
	}

	/**
	 * A document waiting for its signer.
	 * @param placed whether the signature is placed and a code sent (else it is still to place)
	 */
	public record Waiting(UUID id, String fileName, boolean placed, java.time.Instant createdAt) {
	}

	/** The signed PDF of a confirmed request of this user; empty otherwise. */
	@Transactional(readOnly = true)
	public Optional<byte[]> signed(UserId user, UUID id) {
		return store.signed(user, id);
	}

	/** The request's file name and state, for the page; empty for another user's or an unknown request. */
	@Transactional(readOnly = true)
	public Optional<Request> find(UserId user, UUID id) {
		return store.find(user, id)
			.map(row -> new Request(row.id(), row.firm(), row.fileName(), row.level(), row.reason(), row.appearance(),
					row.signed(), row.placed()));
	}

	/**
	 * A signature in progress or done.
	 * @param appearance the placed box, or null (invisible, or not placed yet)
	 * @param placed whether the signature was placed and a code sent
	 */
	public record Request(UUID id, FirmId firm, String fileName, SignatureLevel level, String reason,
			Appearance appearance, boolean signed, boolean placed) {
	}

	/** 400 {@code signing.error.badCode}; the attempt is counted (the transaction commits). */
	public static final class WrongCode extends ProblemException {

		private static final long serialVersionUID = 1L;

		WrongCode() {
			super(HttpStatus.BAD_REQUEST, "signing.error.badCode");
		}

		/** Too many wrong tries across codes: 429, with the wait ({@code otp.wait.*}). */
		WrongCode(java.time.Duration wait) {
			super(HttpStatus.TOO_MANY_REQUESTS, OneTimeCodes.waitKey(wait), OneTimeCodes.waitAmount(wait));
		}

	}

	private static String shorten(String text, int max) {
		String value = text == null || text.isBlank() ? "document.pdf" : text.strip();
		return value.length() > max ? value.substring(0, max) : value;
	}

}
