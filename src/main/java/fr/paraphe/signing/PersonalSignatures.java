package fr.paraphe.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.terms.Terms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.User;
import fr.paraphe.pki.CertificateProfile;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.notification.Notifications;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.internal.PageImages;
import fr.paraphe.signing.internal.PdfInput;
import fr.paraphe.signing.internal.SigningProperties;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own signature with their signing certificate, confirmed by a one-time code sent by e-mail (sole
 * control of the signing key, eIDAS art. 26 c): {@link #prepare} keeps the PDF and the placement and sends the
 * code; {@link #confirm} checks it, signs and debits the firm in one transaction; {@link #signed} gives the result.
 * Every request belongs to its user: another user gets 404.
 */
@Service
public class PersonalSignatures {

	static final Duration CODE_VALIDITY = Duration.ofMinutes(10);

	static final int MAX_ATTEMPTS = 5;

	private final JdbcClient jdbc;

	private final CertificationAuthority ca;

	private final Firms firms;

	private final Billing billing;

	private final PadesSigner signer;

	private final Notifications notifications;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final org.springframework.context.ApplicationEventPublisher events;

	private final Terms terms;

	private final SigningProperties properties;

	PersonalSignatures(JdbcClient jdbc, CertificationAuthority ca, Firms firms, Billing billing, PadesSigner signer,
			Notifications notifications, Clock clock, org.springframework.context.ApplicationEventPublisher events,
			Terms terms, SigningProperties properties) {
		this.properties = properties;
		this.terms = terms;
		this.events = events;
		this.jdbc = jdbc;
		this.ca = ca;
		this.firms = firms;
		this.billing = billing;
		this.signer = signer;
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
		PdfInput.check(pdf, properties.maxSize());
		PageImages.pages(pdf);
		UUID id = UUID.randomUUID();
		jdbc.sql("INSERT INTO signing_request (id, user_id, firm_id, file_name, document, level, reason, created_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, user.id().value(), membership.firm().value(), shorten(fileName, 255), pdf, level.name(),
					why, Timestamp.from(clock.instant()))
			.update();
		return id;
	}

	/**
	 * Places the signature of a request not yet signed (again, if the signer changes their mind) and e-mails a
	 * new six-digit code, valid ten minutes; an earlier code no longer works.
	 * @param appearance the visible box, in points from the displayed page's lower-left corner, or null for an
	 * invisible signature
	 * @throws ProblemException 404 unknown request, 409 {@code signing.error.alreadySigned}, 400
	 * {@code signing.error.badPlacement} for a box outside the page
	 */
	@Transactional
	public void place(User user, Locale locale, UUID id, Appearance appearance) {
		Request request = find(user.id(), id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
		if (request.signed()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.error.alreadySigned");
		}
		if (appearance != null) {
			List<PageImages.PageSize> pages = pageSizes(user.id(), id);
			if (appearance.page() < 1 || appearance.page() > pages.size()) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
			}
			PageImages.PageSize size = pages.get(appearance.page() - 1);
			if (!size.contains(appearance.x(), appearance.y(), appearance.width(), appearance.height())) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
			}
		}
		String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
		Instant now = clock.instant();
		jdbc.sql("UPDATE signing_request SET page = ?, box_x = ?, box_y = ?, box_width = ?, box_height = ?, "
				+ "code_hash = ?, code_expires = ?, attempts = 0, placed_at = ? WHERE id = ?")
			.params(appearance == null ? null : appearance.page(), appearance == null ? null : appearance.x(),
					appearance == null ? null : appearance.y(), appearance == null ? null : appearance.width(),
					appearance == null ? null : appearance.height(), hash(id, code),
					Timestamp.from(now.plus(CODE_VALIDITY)), Timestamp.from(now), id)
			.update();
		notifications.email(user.email(), locale, "signing-code",
				Map.of("name", user.displayName() == null ? "" : user.displayName(), "code", code, "fileName",
						request.fileName(), "minutes", CODE_VALIDITY.toMinutes()));
	}

	/** The displayed size of each page of this user's request's PDF. */
	@Transactional(readOnly = true)
	public List<PageImages.PageSize> pageSizes(UserId user, UUID id) {
		return PageImages.pages(document(user, id));
	}

	/**
	 * A picture (PNG) of one page of this user's request's PDF, for placing the signature.
	 * @throws ProblemException 404 for another user's request or a page the PDF does not have
	 */
	@Transactional(readOnly = true)
	public byte[] pagePicture(UserId user, UUID id, int page) {
		return PageImages.png(document(user, id), page);
	}

	private byte[] document(UserId user, UUID id) {
		return jdbc.sql("SELECT document FROM signing_request WHERE id = ? AND user_id = ?")
			.params(id, user.value())
			.query(byte[].class)
			.optional()
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
	}

	/**
	 * Deletes the requests (uploaded and signed PDFs) created before the retention period: a signed PDF stays
	 * downloadable that long, a draft or an unconfirmed request goes with it. Idempotent, so every node may run it.
	 * @return how many were deleted
	 */
	@Transactional
	@org.springframework.scheduling.annotation.Scheduled(initialDelayString = "PT5M",
			fixedDelayString = "${paraphe.signing.requests.purge-interval:PT1H}")
	public int purge() {
		return jdbc.sql("DELETE FROM signing_request WHERE created_at < ?")
			.param(Timestamp.from(clock.instant().minus(properties.requestRetention())))
			.update();
	}

	/**
	 * Checks the code and signs. A wrong code counts as an attempt; after five, or ten minutes, the request must
	 * start again.
	 * @throws ProblemException 404 unknown request, 409 {@code signing.error.alreadySigned}, 400
	 * {@code signing.error.badCode} / {@code signing.error.codeExpired}, 402 balance (nothing signed)
	 */
	@Transactional(noRollbackFor = WrongCode.class)
	public void confirm(UserId user, UUID id, String code) {
		Request request = find(user, id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
		if (request.signed()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.error.alreadySigned");
		}
		if (!request.placed()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.error.notPlaced");
		}
		if (request.codeExpires() == null || clock.instant().isAfter(request.codeExpires())
				|| request.attempts() >= MAX_ATTEMPTS) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.codeExpired");
		}
		String presented = code == null ? "" : code.strip();
		if (!MessageDigest.isEqual(hash(id, presented).getBytes(StandardCharsets.US_ASCII),
				request.codeHash().getBytes(StandardCharsets.US_ASCII))) {
			jdbc.sql("UPDATE signing_request SET attempts = attempts + 1 WHERE id = ?").param(id).update();
			throw new WrongCode();
		}
		IssuedCertificate certificate = certificateOf(user)
			.orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "signing.error.noCertificate"));
		firms.require(user, request.firm(), Delegation.SIGN);
		byte[] document = jdbc.sql("SELECT document FROM signing_request WHERE id = ?").param(id).query(byte[].class).single();
		Appearance appearance = request.page() == null ? null
				: Appearance.box(request.page(), request.x(), request.y(), request.width(), request.height());
		SignatureParameters parameters = CertifiedNames.apply(certificate,
				new SignatureParameters(request.level(), null, null, request.reason(), null, null, appearance, 0));
		byte[] signed = billing.charge(request.firm(), Operation.SIGNATURE, "signature:" + id, user.value().toString(),
				() -> signer.sign(document, signer.keyOf(certificate), parameters))
			.result();
		jdbc.sql("UPDATE signing_request SET signed = ?, code_hash = NULL, code_expires = NULL WHERE id = ?")
			.params(signed, id)
			.update();
		events.publishEvent(new SigningEvents.DocumentSigned(request.firm(), user.value().toString(),
				request.level().etsiName(), certificate.serial().hex(), SigningEvents.sha256(signed)));
	}

	/** The signed PDF of a confirmed request of this user; empty otherwise. */
	@Transactional(readOnly = true)
	public Optional<byte[]> signed(UserId user, UUID id) {
		return jdbc.sql("SELECT signed FROM signing_request WHERE id = ? AND user_id = ? AND signed IS NOT NULL")
			.params(id, user.value())
			.query(byte[].class)
			.optional();
	}

	/** The request's file name and state, for the page; empty for another user's or an unknown request. */
	@Transactional(readOnly = true)
	public Optional<Request> find(UserId user, UUID id) {
		return jdbc.sql("SELECT id, firm_id, file_name, level, reason, page, box_x, box_y, box_width, box_height, "
				+ "code_hash, code_expires, attempts, placed_at, signed IS NOT NULL AS done "
				+ "FROM signing_request WHERE id = ? AND user_id = ?")
			.params(id, user.value())
			.query((rs, row) -> new Request(rs.getObject("id", UUID.class), new FirmId(rs.getObject("firm_id", UUID.class)),
					rs.getString("file_name"), SignatureLevel.valueOf(rs.getString("level")), rs.getString("reason"),
					(Integer) rs.getObject("page"), rs.getFloat("box_x"), rs.getFloat("box_y"), rs.getFloat("box_width"),
					rs.getFloat("box_height"), rs.getString("code_hash"),
					rs.getTimestamp("code_expires") == null ? null : rs.getTimestamp("code_expires").toInstant(),
					rs.getInt("attempts"), rs.getBoolean("done"), rs.getTimestamp("placed_at") != null))
			.optional();
	}

	/**
	 * A signature in progress or done.
	 * @param placed whether the signature was placed and a code sent
	 */
	public record Request(UUID id, FirmId firm, String fileName, SignatureLevel level, String reason, Integer page,
			float x, float y, float width, float height, String codeHash, Instant codeExpires, int attempts,
			boolean signed, boolean placed) {
	}

	/** 400 {@code signing.error.badCode}; the attempt is counted (the transaction commits). */
	public static final class WrongCode extends ProblemException {

		private static final long serialVersionUID = 1L;

		WrongCode() {
			super(HttpStatus.BAD_REQUEST, "signing.error.badCode");
		}

	}

	private static String hash(UUID id, String code) {
		return HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest()
			.digest((id + ":" + code).getBytes(StandardCharsets.UTF_8)));
	}

	private static String shorten(String text, int max) {
		String value = text == null || text.isBlank() ? "document.pdf" : text.strip();
		return value.length() > max ? value.substring(0, max) : value;
	}

}
