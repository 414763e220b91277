package fr.paraphe.firm;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.firm.FirmEvents.CollaboratorAdded;
import fr.paraphe.firm.FirmEvents.DelegationGranted;
import fr.paraphe.firm.FirmEvents.DelegationWithdrawn;
import fr.paraphe.firm.FirmEvents.FirmCreated;
import fr.paraphe.firm.internal.DelegationGrant;
import fr.paraphe.firm.internal.FirmStore;
import fr.paraphe.firm.internal.FirmStore.MemberRow;
import fr.paraphe.firm.internal.MatchedBy;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.UserLoggedIn;
import fr.paraphe.shared.FirmId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At each login of a firm member, inside the login's transaction: creates the firm at the first login of
 * anyone the SSO places in it, makes an expert-comptable an owner, gives an added collaborator their place,
 * and, when the SSO sends delegations, keeps the ones it granted in step with it.
 */
@Component
class FirmLoginListener {

	private static final String SSO = "sso";

	private final FirmStore store;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	FirmLoginListener(FirmStore store, Clock clock, ApplicationEventPublisher events) {
		this.store = store;
		this.clock = clock;
		this.events = events;
	}

	@EventListener
	void on(UserLoggedIn login) {
		User user = login.user();
		SsoProfile profile = login.profile();
		if (!user.role().belongsToFirm()) {
			return;
		}
		Instant now = clock.instant();
		FirmId candidate = FirmId.random();
		if (store.createIfAbsent(candidate, user.firmSiren(), user.firmName(), now)) {
			events.publishEvent(new FirmCreated(candidate, SSO, user.firmSiren().value(), user.firmName()));
		}
		Firm firm = store.findBySiren(user.firmSiren()).orElseThrow();
		if (store.isClosed(firm.id())) {
			// A closed firm opens again for no one: its SIREN stays with its kept records.
			return;
		}
		store.lock(firm.id());
		Optional<MemberRow> member = store.findActiveMember(firm.id(), user.id(), user.subject(), user.email(),
				user.login());
		UUID memberId;
		if (member.isPresent()) {
			memberId = member.get().id();
			if (member.get().userId() == null) {
				MatchedBy matchedBy = MatchedBy.of(member.get().invitedAs(), user.subject(), user.email(), user.login());
				store.linkMember(memberId, user.id(), user.displayName(), matchedBy == null ? null : matchedBy.name());
			}
			if (user.role() == Role.EXPERT_COMPTABLE && member.get().role() != FirmRole.OWNER) {
				store.setRole(memberId, FirmRole.OWNER);
			}
		}
		else if (user.role() == Role.EXPERT_COMPTABLE
				|| (profile.delegations() != null && !store.wasRemovedByOwner(firm.id(), user.id()))) {
			FirmRole role = user.role() == Role.EXPERT_COMPTABLE ? FirmRole.OWNER : FirmRole.COLLABORATOR;
			memberId = store.addMember(firm.id(), user.id(), user.subject(), user.displayName(), role, SSO, now);
			events.publishEvent(new CollaboratorAdded(firm.id(), SSO, memberId, user.subject(), role.name()));
		}
		else {
			return;
		}
		store.closeAccessRequests(firm.id(), user.id(), now);
		if (user.role() == Role.COLLABORATEUR && profile.delegations() != null) {
			synchronizeSsoDelegations(firm.id(), memberId, profile.delegations(), now);
		}
	}

	/** Grants what the SSO grants and withdraws what it no longer does; the owner's own grants stay. */
	private void synchronizeSsoDelegations(FirmId firm, UUID member, List<String> claim, Instant now) {
		Set<Delegation> wanted = EnumSet.noneOf(Delegation.class);
		claim.forEach(value -> Delegation.parse(value).ifPresent(wanted::add));
		List<DelegationGrant> current = store.activeGrants(firm, member, now);
		for (DelegationGrant grant : current) {
			if (grant.fromSso() && !wanted.contains(grant.delegation())) {
				store.withdraw(firm, member, grant.delegation(), SSO, now);
				events.publishEvent(new DelegationWithdrawn(firm, SSO, member, grant.delegation()));
			}
		}
		for (Delegation delegation : wanted) {
			if (current.stream().noneMatch(grant -> grant.delegation() == delegation)) {
				store.grant(firm, member, delegation, SSO, null, now);
				events.publishEvent(new DelegationGranted(firm, SSO, member, delegation, null));
			}
		}
	}

}
