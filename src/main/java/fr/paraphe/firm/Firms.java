package fr.paraphe.firm;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import fr.paraphe.firm.FirmEvents.AccessRequested;
import fr.paraphe.firm.FirmEvents.ActionRefused;
import fr.paraphe.firm.FirmEvents.CollaboratorAdded;
import fr.paraphe.firm.FirmEvents.CollaboratorRemoved;
import fr.paraphe.firm.FirmEvents.DelegationGranted;
import fr.paraphe.firm.FirmEvents.DelegationWithdrawn;
import fr.paraphe.firm.FirmEvents.FirmDetailsChanged;
import fr.paraphe.firm.internal.DelegationGrant;
import fr.paraphe.firm.internal.FirmStore;
import fr.paraphe.firm.internal.FirmStore.MemberRow;
import fr.paraphe.firm.internal.MatchedBy;
import fr.paraphe.firm.internal.Member;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Firms, their members and delegations. Every method takes the acting user and checks, here on the server,
 * that they may: an outsider gets 404 (nothing about another firm leaks, not even its existence), a member
 * without the right gets 403 with a French explanation, and the refusal is recorded.
 */
@Service
public class Firms {

	/** Paris time: "until the 31st" means until the end of that day for a French firm. */
	static final ZoneId FIRM_ZONE = ZoneId.of("Europe/Paris");

	private final FirmStore store;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate separateTransaction;

	private final Users users;

	private final org.springframework.beans.factory.ObjectProvider<fr.paraphe.shared.FirmClosure> closures;

	private final TransactionTemplate transaction;

	Firms(FirmStore store, Clock clock, ApplicationEventPublisher events, PlatformTransactionManager transactions,
			Users users, org.springframework.beans.factory.ObjectProvider<fr.paraphe.shared.FirmClosure> closures) {
		this.closures = closures;
		this.transaction = new TransactionTemplate(transactions);
		this.store = store;
		this.users = users;
		this.clock = clock;
		this.events = events;
		this.separateTransaction = new TransactionTemplate(transactions);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * What the user is in their firm now, or empty if they have no place in any (platform staff, a
	 * collaborator not added yet, or removed).
	 */
	@Transactional(readOnly = true)
	public Optional<Membership> membershipOf(UserId user) {
		Instant now = clock.instant();
		return store.activeMembershipsOf(user).stream().findFirst().map(row -> membership(row, now));
	}

	/**
	 * Checks that the user may act for the firm with this delegation.
	 * @return their membership
	 * @throws ProblemException 404 if they are not a member of that firm, 403 if they lack the delegation;
	 * either refusal is recorded in the audit trail, even if the caller's transaction rolls back
	 */
	@Transactional(readOnly = true)
	public Membership require(UserId actor, FirmId firm, Delegation delegation) {
		Membership membership = memberOf(actor, firm, "delegation " + delegation);
		if (!membership.may(delegation)) {
			refuse(firm, actor, "delegation " + delegation);
			throw new ProblemException(HttpStatus.FORBIDDEN, "firm.refused." + delegation.name());
		}
		return membership;
	}

	/** The firm, for one of its members. @throws ProblemException 404 for anyone else */
	@Transactional(readOnly = true)
	public Firm firm(FirmId firm, UserId actor) {
		memberOf(actor, firm, "read firm");
		return store.find(firm).orElseThrow(Firms::notFound);
	}

	/** Completes or corrects the firm's details. Owners only. */
	@Transactional
	public Firm updateDetails(FirmId firm, UserId actor, FirmDetails details) {
		requireOwner(actor, firm, "update firm details");
		FirmDetails cleaned = details.cleaned();
		store.updateDetails(firm, cleaned, clock.instant());
		events.publishEvent(new FirmDetailsChanged(firm, actor.toString(), cleaned));
		return store.find(firm).orElseThrow(Firms::notFound);
	}

	/**
	 * The firm's members who logged in at least once, for any member of the firm (to choose who signs a collection
	 * among colleagues). @throws ProblemException 404 for anyone else
	 */
	@Transactional(readOnly = true)
	public List<Colleague> colleagues(FirmId firm, UserId actor) {
		memberOf(actor, firm, "list colleagues");
		return store.activeMembers(firm, clock.instant())
			.stream()
			.filter(Member::hasLoggedIn)
			.map(member -> new Colleague(member.userId(), member.displayName(), member.invitedAs()))
			.toList();
	}

	/**
	 * Adds a collaborator by e-mail, SSO subject or the login name they type at the provider. Someone who has
	 * already logged in as a collaborator of this firm (per the SSO) is linked at once and their access request
	 * closed; anyone else gets their place at their next login. {@link Member#matchedBy()} then says which
	 * identifier recognised them. Owners only.
	 * @throws ProblemException 400 if the identifier is empty or too long, 409 if already added
	 */
	@Transactional
	public UUID addCollaborator(FirmId firm, UserId actor, String identifier) {
		requireOwner(actor, firm, "add collaborator");
		String invitedAs = normalizeIdentifier(identifier);
		store.lock(firm);
		Firm target = store.find(firm).orElseThrow(Firms::notFound);
		List<User> known = users.findByIdentifier(invitedAs)
			.stream()
			.filter(user -> user.role() == Role.COLLABORATEUR && target.siren().equals(user.firmSiren()))
			.toList();
		if (store.isActivelyInvited(firm, invitedAs) || known.stream()
			.anyMatch(user -> store.activeMembershipsOf(user.id()).stream().anyMatch(row -> row.firm().equals(firm)))) {
			throw new ProblemException(HttpStatus.CONFLICT, "firm.member.exists");
		}
		Instant now = clock.instant();
		UUID member = store.addMember(firm, null, invitedAs, null, FirmRole.COLLABORATOR, actor.toString(), now);
		events.publishEvent(new CollaboratorAdded(firm, actor.toString(), member, invitedAs, FirmRole.COLLABORATOR.name()));
		if (known.size() == 1) {
			User user = known.get(0);
			MatchedBy matchedBy = MatchedBy.of(invitedAs, user.subject(), user.email(), user.login());
			store.linkMember(member, user.id(), user.displayName(), matchedBy == null ? null : matchedBy.name());
			store.closeAccessRequests(firm, user.id(), now);
		}
		return member;
	}

	/**
	 * Removes a collaborator: their delegations end at once, and so does every action they attempt next.
	 * Owners only; an owner cannot be removed here (the SSO decides who is an expert-comptable).
	 */
	@Transactional
	public void removeCollaborator(FirmId firm, UserId actor, UUID memberId) {
		requireOwner(actor, firm, "remove collaborator");
		store.lock(firm);
		MemberRow member = store.findActiveMember(firm, memberId).orElseThrow(Firms::notFound);
		if (member.role() == FirmRole.OWNER) {
			throw new ProblemException(HttpStatus.CONFLICT, "firm.member.ownerStays");
		}
		store.removeMember(firm, memberId, actor.toString(), clock.instant());
		events.publishEvent(new CollaboratorRemoved(firm, actor.toString(), memberId, member.invitedAs()));
	}

	/**
	 * Grants a delegation to a collaborator, optionally until the end of a day (Paris time). Granting one
	 * already in force replaces its end date. Owners only.
	 * @throws ProblemException 400 for an end date in the past
	 */
	@Transactional
	public void grant(FirmId firm, UserId actor, UUID memberId, Delegation delegation, LocalDate until) {
		requireOwner(actor, firm, "grant " + delegation);
		Instant now = clock.instant();
		Instant validUntil = until == null ? null : until.plusDays(1).atStartOfDay(FIRM_ZONE).toInstant();
		if (validUntil != null && !validUntil.isAfter(now)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "firm.delegation.pastDate");
		}
		store.lock(firm);
		MemberRow member = store.findActiveMember(firm, memberId).orElseThrow(Firms::notFound);
		if (member.role() == FirmRole.OWNER) {
			return;
		}
		store.withdraw(firm, memberId, delegation, actor.toString(), now);
		store.grant(firm, memberId, delegation, actor.toString(), validUntil, now);
		events.publishEvent(new DelegationGranted(firm, actor.toString(), memberId, delegation, validUntil));
	}

	/** Withdraws a delegation. Owners only. Withdrawing one not in force changes nothing. */
	@Transactional
	public void withdraw(FirmId firm, UserId actor, UUID memberId, Delegation delegation) {
		requireOwner(actor, firm, "withdraw " + delegation);
		store.lock(firm);
		store.findActiveMember(firm, memberId).orElseThrow(Firms::notFound);
		if (store.withdraw(firm, memberId, delegation, actor.toString(), clock.instant()) > 0) {
			events.publishEvent(new DelegationWithdrawn(firm, actor.toString(), memberId, delegation));
		}
	}

	/**
	 * Hands the firm to another expert-comptable of it: they become an owner (if not already) and the acting owner a
	 * collaborator, so that the acting owner may then delete their account. Owners only.
	 * @throws ProblemException 404 for a member not in the firm, 409 for one who is not an expert-comptable per the
	 * SSO, has not logged in yet, or is the owner themself
	 */
	@Transactional
	public void handOver(FirmId firm, UserId actor, UUID toMember) {
		Membership owner = requireOwner(actor, firm, "hand over");
		store.lock(firm);
		MemberRow target = store.findActiveMember(firm, toMember).orElseThrow(Firms::notFound);
		boolean expert = target.userId() != null && !target.userId().equals(actor) && users.findById(target.userId())
			.map(user -> user.role() == Role.EXPERT_COMPTABLE)
			.orElse(false);
		if (!expert) {
			throw new ProblemException(HttpStatus.CONFLICT, "firm.handOver.notExpert");
		}
		store.setRole(target.id(), FirmRole.OWNER);
		store.setRole(owner.memberId(), FirmRole.COLLABORATOR);
		events.publishEvent(new FirmEvents.FirmHandedOver(firm, actor.toString(), owner.memberId(), target.id()));
	}

	/**
	 * What the owner must answer before closing the firm (the other modules' {@link fr.paraphe.shared.FirmClosure}
	 * questions: what becomes of the balance). Owners only. @throws ProblemException 404, 403
	 */
	public List<fr.paraphe.shared.FirmClosure.Question> closingQuestions(FirmId firm, UserId actor) {
		requireOwner(actor, firm, "closing questions");
		return closures.orderedStream().flatMap(part -> part.question(firm, actor).stream()).toList();
	}

	/**
	 * Closes the firm for good: the owner types the firm's name to confirm and answers the questions of
	 * {@link #closingQuestions}; nothing may be under way (no collection in progress). Each module then ends its
	 * part (the seal certificate revoked, the API keys disabled, the webhooks removed), the firm is marked closed
	 * and every member loses access; documents and the audit trail stay for their retention. Audited
	 * ({@link FirmEvents.FirmClosed}). Owners only.
	 * @param answers the answers by question name (e.g. the balance: REFUND or FORFEIT)
	 * @throws ProblemException 404, 403; 400 {@code firm.close.badConfirmation} when the typed name differs; 409
	 * with the refusing module's message when something is under way or a question is not answered
	 */
	public void close(FirmId firm, UserId actor, String typedName, java.util.Map<String, String> answers) {
		requireOwner(actor, firm, "close firm");
		String name = store.find(firm).orElseThrow(Firms::notFound).name();
		if (typedName == null || !normalized(typedName).equals(normalized(name))) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "firm.close.badConfirmation");
		}
		List<fr.paraphe.shared.FirmClosure> parts = closures.orderedStream().toList();
		String balanceChoice = null;
		for (fr.paraphe.shared.FirmClosure part : parts) {
			Optional<fr.paraphe.shared.FirmClosure.Question> question = part.question(firm, actor);
			String given = question.map(asked -> answers.get(asked.name())).orElse(null);
			// An answer that is not one of the question's is no answer.
			String answer = question.isPresent() && given != null
					&& question.get().answers().stream().anyMatch(a -> a.value().equals(given)) ? given : null;
			Optional<String> refusal = part.refusal(firm, actor, answer);
			if (refusal.isPresent()) {
				throw new ProblemException(HttpStatus.CONFLICT, refusal.get());
			}
			if (question.isPresent() && "balance".equals(question.get().name())) {
				balanceChoice = answer;
			}
		}
		// Each part ends what it runs for the firm while the owner still is one; a failure leaves the firm open.
		parts.forEach(part -> part.close(firm, actor));
		String choice = balanceChoice;
		transaction.executeWithoutResult(status -> {
			store.lock(firm);
			if (store.close(firm, actor, choice, clock.instant())) {
				events.publishEvent(new FirmEvents.FirmClosed(firm, actor.toString(), choice));
			}
		});
	}

	private static String normalized(String text) {
		return java.text.Normalizer.normalize(text.strip().replaceAll("\\s+", " "), java.text.Normalizer.Form.NFC)
			.toLowerCase(Locale.ROOT);
	}

	/**
	 * "Demander un accès": a collaborator the SSO places in a firm that has not added them asks its owners.
	 * Asking twice is asking once.
	 * @throws ProblemException 404 if the SSO places them in no firm known here, 409 if they already have a place
	 */
	@Transactional
	public void requestAccess(User user) {
		if (user.firmSiren() == null) {
			throw notFound();
		}
		Firm firm = store.findBySiren(user.firmSiren()).orElseThrow(Firms::notFound);
		if (store.isClosed(firm.id())) {
			// A closed firm has no one to answer and opens to no one.
			throw new ProblemException(HttpStatus.CONFLICT, "firm.close.noAccess");
		}
		if (store.findActiveMember(firm.id(), user.id(), user.subject(), user.email(), user.login()).isPresent()) {
			throw new ProblemException(HttpStatus.CONFLICT, "firm.access.alreadyMember");
		}
		if (store.requestAccess(firm.id(), user.id(), user.displayName(), user.email(), clock.instant())) {
			events.publishEvent(new AccessRequested(firm.id(), user.id().toString(), user.displayName(), user.email()));
		}
	}

	/** Whether this user has asked for access and not been answered yet. */
	@Transactional(readOnly = true)
	public boolean hasRequestedAccess(User user) {
		if (user.firmSiren() == null) {
			return false;
		}
		return store.findBySiren(user.firmSiren())
			.map(firm -> store.hasOpenAccessRequest(firm.id(), user.id()))
			.orElse(false);
	}

	private Membership memberOf(UserId actor, FirmId firm, String what) {
		Instant now = clock.instant();
		return store.activeMembershipsOf(actor)
			.stream()
			.filter(row -> row.firm().equals(firm))
			.findFirst()
			.map(row -> membership(row, now))
			.orElseThrow(() -> {
				refuse(firm, actor, what);
				return notFound();
			});
	}

	/**
	 * The users who own the firm (its experts-comptables who logged in), for other modules' server-side work
	 * such as notifying them; never to show to another firm.
	 */
	@Transactional(readOnly = true)
	public List<UserId> ownersOf(FirmId firm) {
		return store.activeMembers(firm, clock.instant())
			.stream()
			.filter(member -> member.role() == FirmRole.OWNER && member.userId() != null)
			.map(Member::userId)
			.toList();
	}

	/** Whether a membership is still in force (its holder was not removed since). */
	@Transactional(readOnly = true)
	public boolean isActive(UUID memberId) {
		return store.isActive(memberId);
	}

	/**
	 * A closed firm and what its closing recorded.
	 * @param closedBy the owner who closed it
	 * @param balanceChoice REFUND (a refund of the balance asked), FORFEIT (given up), or null (nothing left)
	 */
	public record Closing(Firm firm, Instant closedAt, UserId closedBy, String balanceChoice) {
	}

	/**
	 * The closed firms whose owner asked a refund of the balance, oldest closing first: for platform staff's work
	 * (the caller checks their role).
	 */
	@Transactional(readOnly = true)
	public List<Closing> closingsAskingRefund() {
		return store.closedWith("REFUND").stream().map(Firms::closing).toList();
	}

	/** The firm's closing, empty while it is open: for platform staff's work (the caller checks their role). */
	@Transactional(readOnly = true)
	public Optional<Closing> closing(FirmId firm) {
		return store.closing(firm).map(Firms::closing);
	}

	private static Closing closing(FirmStore.ClosedRow row) {
		return new Closing(row.firm(), row.closedAt(), row.closedBy(), row.balanceChoice());
	}

	/** The firm with this SIREN, if it exists: for platform staff's work (the caller checks their role). */
	@Transactional(readOnly = true)
	public Optional<Firm> findBySiren(fr.paraphe.shared.Siren siren) {
		return store.findBySiren(siren);
	}

	/**
	 * The firm as it stands, for what the platform issues to it server-side (a receipt); never to show to
	 * another firm.
	 */
	@Transactional(readOnly = true)
	public Optional<Firm> describe(FirmId firm) {
		return store.find(firm);
	}

	/** The firm's name, for messages about it; empty text for an unknown firm. */
	@Transactional(readOnly = true)
	public String nameOf(FirmId firm) {
		return store.find(firm).map(Firm::name).orElse("");
	}

	/**
	 * Checks that the user is an owner (expert-comptable) of the firm.
	 * @throws ProblemException 404 for an outsider, 403 for a collaborator; both recorded
	 */
	@Transactional(readOnly = true)
	public Membership requireOwner(UserId actor, FirmId firm) {
		return requireOwner(actor, firm, "owner action");
	}

	/**
	 * As {@link #requireOwner(UserId, FirmId)}, the refusal recorded as {@code what} (the module's own services
	 * name the action they guard).
	 */
	@Transactional(readOnly = true)
	public Membership requireOwner(UserId actor, FirmId firm, String what) {
		Membership membership = memberOf(actor, firm, what);
		if (!membership.isOwner()) {
			refuse(firm, actor, what);
			throw new ProblemException(HttpStatus.FORBIDDEN, "firm.refused.ownerOnly");
		}
		return membership;
	}

	private Membership membership(MemberRow row, Instant now) {
		Set<Delegation> delegations = store.activeGrants(row.firm(), row.id(), now)
			.stream()
			.map(DelegationGrant::delegation)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Delegation.class)));
		return new Membership(row.userId(), row.firm(), row.id(), row.role(), delegations);
	}

	/**
	 * Records a refusal in a transaction of its own, since the caller's rolls back with the refusal; but never
	 * while the caller's transaction holds a pooled connection (a second connection per refused request: sixty
	 * of them exhausted the pool). In a web request it is recorded when the request ends ({@link RefusalFilter});
	 * elsewhere, after the caller's transaction, or at once outside any.
	 */
	private void refuse(FirmId firm, UserId actor, String what) {
		ActionRefused refusal = new ActionRefused(firm, actor.toString(), what);
		if (RefusalFilter.defer(refusal)) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					record(List.of(refusal));
				}
			});
		}
		else {
			record(List.of(refusal));
		}
	}

	/** Records refusals in a transaction of their own (the event publication registry keeps them). */
	void record(List<ActionRefused> refusals) {
		if (!refusals.isEmpty()) {
			separateTransaction.executeWithoutResult(status -> refusals.forEach(events::publishEvent));
		}
	}

	static String normalizeIdentifier(String emailOrSubject) {
		String value = emailOrSubject == null ? "" : emailOrSubject.strip();
		if (value.isEmpty() || value.length() > 320 || value.chars().anyMatch(Character::isISOControl)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "firm.member.invalidIdentifier");
		}
		return value.contains("@") ? value.toLowerCase(Locale.ROOT) : value;
	}

	static ProblemException notFound() {
		return new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound");
	}

}
