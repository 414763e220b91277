package fr.paraphe.registration.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.identity.User;
import fr.paraphe.notification.Notifications;
import fr.paraphe.otp.OneTimeCodes;
import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.registration.internal.RevocationStore;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.registration.RegistrationEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Révoquer mon certificat": the holder asks for a one-time code by e-mail or SMS, then confirms with it and a
 * reason; the certificate is revoked at once (OCSP answers "revoked", the CRL is regenerated) and the holder
 * may register again.
 * <p>
 * The code comes from {@link OneTimeCodes} (6 digits from a CSPRNG, only SHA-256(request id ‖ code) stored, used
 * once, bound to its request): valid 10 minutes, burned after 5 wrong tries; a newer request supersedes the
 * older ones; per person, at most one sent a minute, 5 an hour and 10 a day, and 10 wrong tries a day across codes
 * ({@link OneTimeCodes.Limits#DEFAULT}, counted under a lock of the person's row: concurrent requests cannot
 * send more), the person told how long to wait.
 */
@Service
public class Revocations {

	static final Duration VALIDITY = Duration.ofMinutes(10);

	static final int MAX_FAILURES = 5;

	/** The codes of "Révoquer mon certificat". */
	static final OneTimeCodes.Purpose CODE = new OneTimeCodes.Purpose("registration.revocation", VALIDITY, MAX_FAILURES);

	/** The reasons a holder may give (RFC 5280 §5.3.1); the others are the CA's own. */
	public static final Set<RevocationReason> HOLDER_REASONS = Set.of(RevocationReason.UNSPECIFIED,
			RevocationReason.KEY_COMPROMISE, RevocationReason.AFFILIATION_CHANGED, RevocationReason.SUPERSEDED,
			RevocationReason.CESSATION_OF_OPERATION);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRENCH)
		.withZone(ZoneId.of("Europe/Paris"));

	private final RevocationStore store;

	private final Registrations registrations;

	private final CertificationAuthority authority;

	private final Notifications notifications;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final OneTimeCodes codes;

	Revocations(RevocationStore store, OneTimeCodes codes, Registrations registrations,
			CertificationAuthority authority, Notifications notifications, Clock clock,
			ApplicationEventPublisher events) {
		this.store = store;
		this.codes = codes.at(clock);
		this.registrations = registrations;
		this.authority = authority;
		this.notifications = notifications;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Sends a new one-time code for revoking the holder's valid certificate; earlier codes stop working.
	 * @throws ProblemException 404 without a valid certificate, 429 when codes are asked too often
	 */
	@Transactional
	public RevocationRequest request(User holder, RevocationChannel channel) {
		IssuedCertificate certificate = registrations.validCertificate(holder.id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "revocation.noCertificate"));
		if (channel == null) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "revocation.invalid.channel");
		}
		Instant now = clock.instant();
		Identity identity = registrations.mine(holder.id())
			.stream()
			.filter(registration -> certificate.serial().hex().equals(registration.certificateSerial()))
			.findFirst()
			.map(Registration::identity)
			.orElse(null);
		String destination;
		if (channel == RevocationChannel.SMS) {
			if (identity == null) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "revocation.noMobile");
			}
			destination = identity.mobile();
		}
		else {
			destination = identity != null ? identity.email() : holder.email();
			if (destination == null) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "revocation.noEmail");
			}
		}
		codes.supersedeOwnersCodes(CODE, holder.id().value());
		UUID id = UUID.randomUUID();
		OneTimeCodes.Issued issued = codes.issue(CODE, id, holder.id().value());
		String code = issued.code();
		Instant expiresAt = issued.expiresAt();
		store.insert(new RevocationStore.Row(id, holder.id(), certificate.serial().hex(), channel.name(), now,
				expiresAt));
		Locale locale = Locale.forLanguageTag(holder.language() == null ? "fr" : holder.language());
		if (channel == RevocationChannel.SMS) {
			notifications.smsSecret(destination, locale, "revocation-code", code, code, VALIDITY.toMinutes());
		}
		else {
			notifications.emailSecret(destination, locale, "revocation-code",
					Map.of("code", code, "minutes", VALIDITY.toMinutes(), "serial", certificate.serial().hex()), code);
		}
		return new RevocationRequest(id, channel, mask(destination, channel), expiresAt);
	}

	/** The holder's request, for the confirmation page. */
	@Transactional(readOnly = true)
	public RevocationRequest find(User holder, UUID id) {
		RevocationStore.Row row = store.find(id, holder.id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "error.404.detail"));
		return new RevocationRequest(row.id(), RevocationChannel.valueOf(row.channel()), null, row.expiresAt());
	}

	/**
	 * Revokes the certificate if {@code code} is this request's code, unused, unexpired and not burned; a wrong
	 * code counts as a failure (kept even though the call fails). E-mails the confirmation.
	 * @throws ProblemException 404 for another person's or an unknown request; 400 for a wrong, used,
	 * expired, superseded or burned code, or a missing reason
	 */
	@Transactional(noRollbackFor = ProblemException.class)
	public IssuedCertificate confirm(User holder, UUID requestId, String code, RevocationReason reason) {
		RevocationStore.Row row = store.findForUpdate(requestId, holder.id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "error.404.detail"));
		if (reason == null || !HOLDER_REASONS.contains(reason)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "revocation.invalid.reason");
		}
		OneTimeCodes.Check check = codes.check(CODE, row.id(), code);
		switch (check.verdict()) {
			case ACCEPTED -> {
			}
			case LOCKED -> throw new OneTimeCodes.TooSoon(check.waitTime());
			case WRONG -> throw new ProblemException(HttpStatus.BAD_REQUEST, "revocation.code.wrong",
					check.remainingTries());
			case BURNED -> throw refused("revocation.code.burned");
			case SUPERSEDED -> throw refused("revocation.code.superseded");
			case EXPIRED -> throw refused("revocation.code.expired");
			default -> throw refused("revocation.code.used");
		}
		IssuedCertificate revoked;
		try {
			revoked = authority.revoke(CertificateSerial.parse(row.certificateSerial()), reason);
		}
		catch (CertificationAuthority.AlreadyRevokedException | CertificationAuthority.CertificateNotFoundException gone) {
			throw refused("revocation.code.used");
		}
		String email = registrations.mine(holder.id())
			.stream()
			.filter(registration -> row.certificateSerial().equals(registration.certificateSerial()))
			.findFirst()
			.map(registration -> registration.identity().email())
			.orElse(holder.email());
		if (email != null) {
			notifications.email(email, Locale.forLanguageTag(holder.language() == null ? "fr" : holder.language()),
					"certificate-revoked", Map.of("serial", revoked.serial().hex(), "revokedAt",
							TIME.format(revoked.revokedAt())));
		}
		events.publishEvent(new RegistrationEvents.CertificateRevokedByHolder(holder.id().toString(),
				revoked.serial().hex(), reason.name(), row.channel()));
		return revoked;
	}

	/** What is stored of a code: {@link OneTimeCodes#hash}. */
	static String hash(UUID request, String code) {
		return OneTimeCodes.hash(request, code);
	}

	static String mask(String destination, RevocationChannel channel) {
		if (channel == RevocationChannel.SMS) {
			return destination.length() <= 4 ? "••" : destination.substring(0, 4) + "•••••" + destination.substring(destination.length() - 2);
		}
		int at = destination.indexOf('@');
		return at <= 1 ? "•" + destination.substring(Math.max(at, 0)) : destination.charAt(0) + "•••" + destination.substring(at);
	}

	private static ProblemException refused(String key) {
		return new ProblemException(HttpStatus.BAD_REQUEST, key);
	}

}
