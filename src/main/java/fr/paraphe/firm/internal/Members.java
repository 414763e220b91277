package fr.paraphe.firm.internal;

import java.time.Clock;
import java.util.List;

import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The firm's members and access requests as its owners manage them on the firm's page. Only the module's own pages
 * read them; other modules use {@link Firms} (memberships, owners, colleagues). Every method checks, through
 * {@link Firms#requireOwner(UserId, FirmId, String)}, that the actor owns the firm, and records a refusal.
 */
@Service
public class Members {

	private final Firms firms;

	private final FirmStore store;

	private final Users users;

	private final Clock clock;

	Members(Firms firms, FirmStore store, Users users, Clock clock) {
		this.firms = firms;
		this.store = store;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * The firm's members with their delegations in force. Owners only.
	 * @throws ProblemException 404 for an outsider, 403 for a collaborator
	 */
	@Transactional(readOnly = true)
	public List<Member> members(FirmId firm, UserId actor) {
		firms.requireOwner(actor, firm, "list members");
		return store.activeMembers(firm, clock.instant());
	}

	/**
	 * The members an owner may hand the firm to: those who logged in and whom the SSO calls expert-comptable, the
	 * owner themself excepted. Owners only.
	 */
	@Transactional(readOnly = true)
	public List<Member> handOverCandidates(FirmId firm, UserId actor) {
		firms.requireOwner(actor, firm, "list hand-over candidates");
		return store.activeMembers(firm, clock.instant())
			.stream()
			.filter(member -> member.hasLoggedIn() && !member.userId().equals(actor))
			.filter(member -> users.findById(member.userId()).map(user -> user.role() == Role.EXPERT_COMPTABLE).orElse(false))
			.toList();
	}

	/** Open access requests. Owners only. */
	@Transactional(readOnly = true)
	public List<AccessRequest> accessRequests(FirmId firm, UserId actor) {
		firms.requireOwner(actor, firm, "list access requests");
		return store.openAccessRequests(firm);
	}

}
