package fr.paraphe.registration.internal;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.Officers;
import fr.paraphe.identity.User;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.DataEncryption;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.registration.internal.DocumentInspector;
import fr.paraphe.registration.internal.RegistrationStore;
import fr.paraphe.shared.Names;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.terms.Terms;
import fr.paraphe.registration.RegistrationEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registrations of signers: submission with identity documents, review by registration officers, and the
 * signing certificate issued on approval. Access is checked here: a person reaches only their own
 * registration, and never its documents; only registration officers reach the queue and the documents
 * (anyone else gets a 404, as if nothing existed).
 */
@Service
public class Registrations {

	private static final Pattern NAME = Pattern.compile("[\\p{L}][\\p{L} '’.-]{0,63}");

	private static final Pattern PLACE = Pattern.compile("[\\p{L}0-9][\\p{L}0-9 '’().,-]{0,99}");

	private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

	private static final Pattern MOBILE = Pattern.compile("\\+[1-9][0-9]{7,14}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{2,63}");

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final RegistrationStore store;

	private final Firms firms;

	private final CertificationAuthority authority;

	private final Terms terms;

	private final Notifications notifications;

	private final DataEncryption encryption;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Registrations(RegistrationStore store, Firms firms, CertificationAuthority authority, Terms terms,
			Notifications notifications, DataEncryption encryption, Clock clock, ApplicationEventPublisher events) {
		this.store = store;
		this.firms = firms;
		this.authority = authority;
		this.terms = terms;
		this.notifications = notifications;
		this.encryption = encryption;
		this.clock = clock;
		this.events = events;
	}

	/** Whether the user may sign at all: an expert-comptable, or a collaborator with the sign delegation. */
	@Transactional(readOnly = true)
	public boolean maySign(User user) {
		if (user.role() == Role.EXPERT_COMPTABLE) {
			return true;
		}
		return user.role() == Role.COLLABORATEUR
				&& firms.membershipOf(user.id()).map(member -> member.may(Delegation.SIGN)).orElse(false);
	}

	/** The user's certificate that is valid now, if any. */
	@Transactional(readOnly = true)
	public Optional<IssuedCertificate> validCertificate(UserId user) {
		Instant now = clock.instant();
		return authority.certificatesOf(user)
			.stream()
			.filter(certificate -> certificate.status(now) == IssuedCertificate.Status.VALID)
			.findFirst();
	}

	/**
	 * Whether the user should be led to "S’enregistrer": they may sign, have no valid certificate and no
	 * registration waiting for review.
	 */
	@Transactional(readOnly = true)
	public boolean needsRegistration(User user) {
		return maySign(user) && validCertificate(user.id()).isEmpty()
				&& store.ofUser(user.id()).stream().noneMatch(Registration::isPending);
	}

	/** The user's own registrations, newest first. */
	@Transactional(readOnly = true)
	public List<Registration> mine(UserId user) {
		return store.ofUser(user);
	}

	/**
	 * Submits a registration. Nothing is stored unless everything is right: the person may sign and needs a
	 * certificate, the identity is complete, the current CGU are accepted, and every document passes
	 * {@link DocumentInspector}. Records the CGU acceptance and sends the "registration received" e-mail.
	 * @param back null for a passport
	 * @throws ProblemException 403 if the user may not sign, 409 if a registration is pending or a
	 * certificate valid, 400 for any invalid field or document
	 */
	@Transactional
	public Registration submit(User user, Identity declared, DocumentType type, byte[] front, byte[] back,
			Integer termsVersion, boolean termsAccepted, String address) {
		if (!maySign(user)) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "registration.notEligible");
		}
		if (validCertificate(user.id()).isPresent()) {
			throw new ProblemException(HttpStatus.CONFLICT, "registration.alreadyCertified");
		}
		if (store.ofUser(user.id()).stream().anyMatch(Registration::isPending)) {
			throw new ProblemException(HttpStatus.CONFLICT, "registration.pending");
		}
		Identity identity = validate(declared);
		if (type == null) {
			throw invalid("registration.invalid.documentType");
		}
		if (!termsAccepted || termsVersion == null) {
			throw invalid("registration.invalid.terms");
		}
		DocumentInspector.Inspected frontSide = DocumentInspector.inspect(front);
		DocumentInspector.Inspected backSide = null;
		if (type.hasBack()) {
			if (back == null || back.length == 0) {
				throw invalid("registration.document.backMissing");
			}
			backSide = DocumentInspector.inspect(back);
		}
		terms.accept(user.id(), termsVersion, address);
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		store.insert(id, user.id(), identity, type, termsVersion, now);
		storeDocument(id, "FRONT", frontSide);
		if (backSide != null) {
			storeDocument(id, "BACK", backSide);
		}
		notifications.email(identity.email(), locale(user), "registration-submitted",
				Map.of("name", identity.givenNames() + " " + identity.surname()));
		events.publishEvent(new RegistrationEvents.RegistrationSubmitted(user.id().toString(), id, type.name()));
		return store.find(id).orElseThrow();
	}

	/** Registrations waiting for review, oldest first. */
	@Transactional(readOnly = true)
	public List<Registration> queue(User officer) {
		requireOfficer(officer, HttpStatus.FORBIDDEN);
		return store.pending(200);
	}

	/** One registration, for review. */
	@Transactional(readOnly = true)
	public Registration forReview(User officer, UUID id) {
		requireOfficer(officer, HttpStatus.NOT_FOUND);
		return store.find(id).orElseThrow(Registrations::notFound);
	}

	/** One identity document, decrypted, for an officer's eyes only; every view goes to the audit trail. */
	@Transactional
	public Document document(User officer, UUID registration, UUID document) {
		requireOfficer(officer, HttpStatus.NOT_FOUND);
		RegistrationStore.EncryptedDocument stored = store.document(registration, document).orElseThrow(Registrations::notFound);
		events.publishEvent(new RegistrationEvents.DocumentViewed(officer.id().toString(), registration, document));
		return new Document(stored.mediaType(), encryption.decrypt(stored.content(), associatedData(registration, document)));
	}

	/**
	 * Approves a pending registration and has the CA issue the person's signing certificate ("Paraphe
	 * Personnes") with the verified identity, from a key generated in the key store; e-mails the person.
	 * @throws ProblemException 404 for a non-officer or an unknown registration, 409 if already decided
	 */
	@Transactional
	public IssuedCertificate approve(User officer, UUID id) {
		requireOfficer(officer, HttpStatus.NOT_FOUND);
		Registration registration = store.findForUpdate(id).orElseThrow(Registrations::notFound);
		if (!registration.isPending()) {
			throw new ProblemException(HttpStatus.CONFLICT, "registration.alreadyDecided");
		}
		Identity identity = registration.identity();
		NaturalPerson person = new NaturalPerson(registration.user(), identity.givenNames(), identity.surname(),
				"PARAPHE-" + registration.user().value(), identity.nationality());
		IssuedCertificate certificate = authority.issue(person);
		store.decide(id, RegistrationStatus.APPROVED, clock.instant(), officer.id(), null,
				certificate.serial().toString());
		Map<String, Object> variables = new HashMap<>();
		variables.put("name", identity.givenNames() + " " + identity.surname());
		variables.put("serial", certificate.serial().toString());
		variables.put("notAfter", certificate.notAfter().atZone(PARIS).toLocalDate().toString());
		notifications.email(identity.email(), Locale.FRENCH, "registration-approved", variables);
		events.publishEvent(new RegistrationEvents.RegistrationApproved(officer.id().toString(), id,
				registration.user().toString(), certificate.serial().toString()));
		return certificate;
	}

	/**
	 * Rejects a pending registration with a reason the person reads in the e-mail; they may then submit again.
	 * @throws ProblemException 400 without a reason, 404 for a non-officer or unknown registration, 409 if
	 * already decided
	 */
	@Transactional
	public void reject(User officer, UUID id, String reason) {
		requireOfficer(officer, HttpStatus.NOT_FOUND);
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			throw invalid("registration.invalid.reason");
		}
		Registration registration = store.findForUpdate(id).orElseThrow(Registrations::notFound);
		if (!registration.isPending()) {
			throw new ProblemException(HttpStatus.CONFLICT, "registration.alreadyDecided");
		}
		store.decide(id, RegistrationStatus.REJECTED, clock.instant(), officer.id(), reason.strip(), null);
		Identity identity = registration.identity();
		notifications.email(identity.email(), Locale.FRENCH, "registration-rejected",
				Map.of("name", identity.givenNames() + " " + identity.surname(), "reason", reason.strip()));
		events.publishEvent(new RegistrationEvents.RegistrationRejected(officer.id().toString(), id,
				registration.user().toString()));
	}

	private void storeDocument(UUID registration, String side, DocumentInspector.Inspected document) {
		UUID id = UUID.randomUUID();
		store.insertDocument(id, registration, side, document.mediaType(), document.content().length,
				encryption.encrypt(document.content(), associatedData(registration, id)));
	}

	static byte[] associatedData(UUID registration, UUID document) {
		return ByteBuffer.allocate(32)
			.putLong(registration.getMostSignificantBits())
			.putLong(registration.getLeastSignificantBits())
			.putLong(document.getMostSignificantBits())
			.putLong(document.getLeastSignificantBits())
			.array();
	}

	private Identity validate(Identity identity) {
		if (identity == null || identity.civility() == null) {
			throw invalid("registration.invalid.civility");
		}
		String given = personName(identity.givenNames(), "registration.invalid.givenNames");
		String surname = personName(identity.surname(), "registration.invalid.surname");
		LocalDate today = LocalDate.now(clock.withZone(PARIS));
		LocalDate birth = identity.birthDate();
		if (birth == null || birth.isAfter(today.minusYears(16)) || birth.isBefore(today.minusYears(120))) {
			throw invalid("registration.invalid.birthDate");
		}
		String place = strip(identity.birthPlace());
		if (place == null || !PLACE.matcher(place).matches()) {
			throw invalid("registration.invalid.birthPlace");
		}
		String nationality = strip(identity.nationality());
		if (nationality == null || !COUNTRY.matcher(nationality).matches()) {
			throw invalid("registration.invalid.nationality");
		}
		String mobile = normalizeMobile(identity.mobile());
		if (mobile == null || !MOBILE.matcher(mobile).matches()) {
			throw invalid("registration.invalid.mobile");
		}
		String email = strip(identity.email());
		if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
			throw invalid("registration.invalid.email");
		}
		return new Identity(identity.civility(), given, surname, birth, place, nationality, mobile, email);
	}

	/**
	 * A name as on the identity document: the shared rule of {@link Names} (NFC, so decomposed accents pass; no
	 * control or bidirectional character; one script), then letters, spaces, hyphens and apostrophes only.
	 */
	private static String personName(String raw, String messageKey) {
		String name;
		try {
			name = Names.name(raw, 64);
		}
		catch (Names.InvalidText invalid) {
			if (invalid.fault() == Names.Fault.MIXED_SCRIPTS || invalid.fault() == Names.Fault.BIDI) {
				throw invalid;
			}
			throw invalid(messageKey);
		}
		if (name == null || !NAME.matcher(name).matches()) {
			throw invalid(messageKey);
		}
		return name;
	}

	/** "06 12 34 56 78" → "+33612345678"; international numbers keep their country code. */
	static String normalizeMobile(String mobile) {
		if (mobile == null) {
			return null;
		}
		String digits = mobile.replaceAll("[\\s.()-]", "");
		if (digits.startsWith("00")) {
			digits = "+" + digits.substring(2);
		}
		else if (digits.startsWith("0") && digits.length() == 10) {
			digits = "+33" + digits.substring(1);
		}
		return digits;
	}

	private static String strip(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static void requireOfficer(User user, HttpStatus otherwise) {
		Officers.require(user, otherwise, "registration.officersOnly");
	}

	private static ProblemException notFound() {
		return new ProblemException(HttpStatus.NOT_FOUND, "error.404.detail");
	}

	private static ProblemException invalid(String key) {
		return new ProblemException(HttpStatus.BAD_REQUEST, key);
	}

	private static Locale locale(User user) {
		return Locale.forLanguageTag(user.language() == null ? "fr" : user.language());
	}

	/** A decrypted identity document. */
	public record Document(String mediaType, byte[] content) {
	}

}
