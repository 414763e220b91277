package fr.paraphe.signing;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.signing.internal.SealCheckStore;
import fr.paraphe.firm.Firm;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Officers;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The check of a firm by a registration officer before the CA issues its seal certificate ("Paraphe Cachets",
 * organizationIdentifier NTRFR-&lt;SIREN&gt;): the owner of a firm whose details are complete asks for it, the
 * firm enters the officers' queue, an officer approves (the certificate is issued at once and the owners are
 * e-mailed) or rejects with a reason (the owners are e-mailed and may ask again once they corrected the firm).
 * Every step is published for the audit trail. The roles are checked here, not only in the pages: an owner's
 * action answers 404 to an outsider and 403 to a collaborator; an officer's answers 403 (the queue) or 404 (one
 * check) to anyone who is not a registration officer.
 */
@Service
public class SealChecks {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final SealCheckStore store;

	private final Firms firms;

	private final FirmSeals seals;

	private final Users users;

	private final Notifications notifications;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	SealChecks(SealCheckStore store, Firms firms, FirmSeals seals, Users users, Notifications notifications, Clock clock,
			ApplicationEventPublisher events) {
		this.store = store;
		this.firms = firms;
		this.seals = seals;
		this.users = users;
		this.notifications = notifications;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * "Demander le cachet du cabinet": puts the firm, as it is now, in the officers' queue. Owners only.
	 * @throws ProblemException 404 for an outsider, 403 for a collaborator, 409 {@code signing.check.incomplete}
	 * while the firm's details are incomplete, {@code signing.check.pending} if a check is already pending,
	 * {@code signing.check.alreadyChecked} if the firm as it is now was already checked (then renew instead)
	 */
	@Transactional
	public SealCheck request(User owner, FirmId firm) {
		firms.requireOwner(owner.id(), firm);
		Firm details = firms.firm(firm, owner.id());
		if (!details.isComplete()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.check.incomplete");
		}
		Optional<SealCheck> latest = store.latest(details.siren());
		if (latest.filter(SealCheck::isPending).isPresent()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.check.pending");
		}
		if (store.latestApproved(details.siren()).filter(check -> check.covers(details.siren(), details.name())).isPresent()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.check.alreadyChecked");
		}
		SealCheck check = new SealCheck(UUID.randomUUID(), firm, details.siren(), details.name(), details.ordreNumber(),
				details.addressLine() + ", " + details.postalCode() + " " + details.city(), owner.id(),
				shorten(owner.displayName()), clock.instant(), SealCheck.Status.PENDING, null, null, null);
		if (!store.insert(check)) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.check.pending");
		}
		events.publishEvent(new SigningEvents.SealCheckRequested(firm, owner.id().toString(), check.id(),
				details.siren().value(), details.name()));
		return check;
	}

	/** The firm's latest check, whatever its state, for its owners. @throws ProblemException 404/403 */
	@Transactional(readOnly = true)
	public Optional<SealCheck> latest(UserId owner, FirmId firm) {
		firms.requireOwner(owner, firm);
		return store.latest(firms.firm(firm, owner).siren());
	}

	/**
	 * Whether the firm, as it is now (SIREN and name), was checked by an officer: then a new seal certificate
	 * needs no new check. For its owners. @throws ProblemException 404/403
	 */
	@Transactional(readOnly = true)
	public boolean isChecked(UserId owner, FirmId firm) {
		firms.requireOwner(owner, firm);
		Firm details = firms.firm(firm, owner);
		return store.latestApproved(details.siren()).filter(check -> check.covers(details.siren(), details.name())).isPresent();
	}

	/** The checks waiting for an officer, oldest first. @throws ProblemException 403 for anyone else */
	@Transactional(readOnly = true)
	public List<SealCheck> queue(User officer) {
		requireOfficer(officer, HttpStatus.FORBIDDEN);
		return store.pending(200);
	}

	/** One check, for an officer. @throws ProblemException 404 for anyone else or an unknown check */
	@Transactional(readOnly = true)
	public SealCheck forReview(User officer, UUID id) {
		requireOfficer(officer, HttpStatus.NOT_FOUND);
		return store.find(id).orElseThrow(SealChecks::notFound);
	}

	/**
	 * Approves a pending check: the CA issues the firm's seal certificate at once (any older one of the firm is
	 * then revoked as superseded), and the owners are e-mailed.
	 * @throws ProblemException 404 for a non-officer or an unknown check, 409 {@code signing.check.decided} if
	 * already decided, {@code signing.check.changed} if the firm's SIREN or name changed since the request (the
	 * officer then rejects it, and the owner asks again)
	 */
	@Transactional
	public IssuedCertificate approve(User officer, UUID id) {
		requireOfficer(officer, HttpStatus.NOT_FOUND);
		SealCheck check = store.findForUpdate(id).orElseThrow(SealChecks::notFound);
		if (!check.isPending()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.check.decided");
		}
		Firm firm = firms.findBySiren(check.siren()).orElseThrow(SealChecks::notFound);
		if (!firm.siren().equals(check.siren()) || !firm.name().equals(check.firmName())) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.check.changed");
		}
		store.decide(id, SealCheck.Status.APPROVED, officer.id(), clock.instant(), null, null);
		SealCheck approved = store.find(id).orElseThrow();
		events.publishEvent(new SigningEvents.SealCheckApproved(firm.id(), officer.id().toString(), id,
				check.siren().value()));
		IssuedCertificate certificate = seals.issueChecked(firm, officer.id().toString(), approved);
		Map<String, Object> variables = new HashMap<>();
		variables.put("firmName", firm.name());
		variables.put("subject", certificate.subject());
		variables.put("serial", certificate.serial().hex());
		variables.put("notAfter", certificate.notAfter().atZone(PARIS).toLocalDate().toString());
		toOwners(firm, "seal-approved", variables);
		return certificate;
	}

	/**
	 * Rejects a pending check with a reason the owners read on their page and in the e-mail; they may ask again.
	 * @throws ProblemException 400 {@code signing.check.reason} without a reason (or above 500 characters), 404
	 * for a non-officer or an unknown check, 409 if already decided
	 */
	@Transactional
	public void reject(User officer, UUID id, String reason) {
		requireOfficer(officer, HttpStatus.NOT_FOUND);
		String text = reason == null ? "" : reason.strip();
		if (text.isEmpty() || text.length() > 500) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.check.reason");
		}
		SealCheck check = store.findForUpdate(id).orElseThrow(SealChecks::notFound);
		if (!check.isPending()) {
			throw new ProblemException(HttpStatus.CONFLICT, "signing.check.decided");
		}
		store.decide(id, SealCheck.Status.REJECTED, officer.id(), clock.instant(), text, null);
		FirmId firm = check.firm() != null ? check.firm()
				: firms.findBySiren(check.siren()).map(Firm::id).orElse(null);
		events.publishEvent(new SigningEvents.SealCheckRejected(firm, officer.id().toString(), id,
				check.siren().value(), text));
		firms.findBySiren(check.siren())
			.ifPresent(found -> toOwners(found, "seal-rejected", Map.of("firmName", found.name(), "reason", text)));
	}

	/**
	 * The demonstration set-up: the demo firm counts as checked from the start (decided by "demo", no officer),
	 * unless a check of it already exists.
	 */
	@Transactional
	void recordDemoCheck(Siren siren, String name) {
		if (store.latestApproved(siren).filter(check -> check.covers(siren, name)).isPresent()) {
			return;
		}
		java.time.Instant now = clock.instant();
		store.insert(new SealCheck(UUID.randomUUID(), firms.findBySiren(siren).map(Firm::id).orElse(null), siren, name,
				null, null, null, "démonstration", now, SealCheck.Status.APPROVED, now, null, null));
	}

	private void toOwners(Firm firm, String template, Map<String, Object> variables) {
		for (UserId ownerId : firms.ownersOf(firm.id())) {
			users.findById(ownerId).filter(owner -> owner.email() != null).ifPresent(owner -> notifications.email(
					owner.email(), Locale.forLanguageTag(owner.language() == null ? "fr" : owner.language()), template,
					variables, firm.name()));
		}
	}

	private static String shorten(String name) {
		String text = name == null || name.isBlank() ? "?" : name.strip();
		return text.length() > 255 ? text.substring(0, 255) : text;
	}

	private static void requireOfficer(User user, HttpStatus otherwise) {
		Officers.require(user, otherwise, "signing.check.officersOnly");
	}

	private static ProblemException notFound() {
		return new ProblemException(HttpStatus.NOT_FOUND, "error.404.detail");
	}

}
