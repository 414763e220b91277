package fr.paraphe.firm;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.audit.AuditEntry;
import fr.paraphe.audit.AuditTrail;
import fr.paraphe.firm.internal.AccessRequest;
import fr.paraphe.firm.internal.MatchedBy;
import fr.paraphe.firm.internal.Members;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Siren;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Firms, members and delegations through the module's API, on H2 and (with -Ppostgres) on PostgreSQL.
 */
@ParapheIntegrationTest
class FirmsIntegrationTests {

	@Autowired
	Firms firms;

	@Autowired
	Members members;

	@Autowired
	Users users;

	@Autowired
	AuditTrail audit;

	@Autowired
	TransactionTemplate transactions;

	private Siren siren;

	private User owner;

	private FirmId firm;

	@BeforeEach
	void aFirmWithItsOwner() {
		siren = TestSirens.random();
		owner = login("owner-" + UUID.randomUUID(), "Hélène Owner", "helene@" + siren + ".fr", Role.EXPERT_COMPTABLE, null);
		firm = firms.membershipOf(owner.id()).orElseThrow().firm();
	}

	@Test
	void theFirstLoginOfAnExpertComptableCreatesTheFirmAndMakesThemOwner() {
		Membership membership = firms.membershipOf(owner.id()).orElseThrow();

		assertThat(membership.role()).isEqualTo(FirmRole.OWNER);
		assertThat(membership.delegations()).containsExactlyInAnyOrder(Delegation.values());
		Firm created = firms.firm(firm, owner.id());
		assertThat(created.siren()).isEqualTo(siren);
		assertThat(created.isComplete()).isFalse();
		awaitAudit("firm.created", "firm.member.added");
	}

	@Test
	void aCollaboratorWithoutAPlaceHasNoMembershipAndCanAskForOne() {
		User collaborator = login("collab-" + UUID.randomUUID(), "Cyril Collab", "cyril@" + siren + ".fr",
				Role.COLLABORATEUR, null);

		assertThat(firms.membershipOf(collaborator.id())).isEmpty();
		firms.requestAccess(collaborator);
		firms.requestAccess(collaborator);
		assertThat(firms.hasRequestedAccess(collaborator)).isTrue();
		assertThat(members.accessRequests(firm, owner.id())).extracting(AccessRequest::user).containsExactly(collaborator.id());
		awaitAudit("firm.access.requested");

		// The owner adds them by e-mail; their next login links them and closes the request.
		firms.addCollaborator(firm, owner.id(), "Cyril@" + siren + ".fr");
		login(collaborator.subject(), "Cyril Collab", collaborator.email(), Role.COLLABORATEUR, null);
		Membership membership = firms.membershipOf(collaborator.id()).orElseThrow();
		assertThat(membership.role()).isEqualTo(FirmRole.COLLABORATOR);
		assertThat(membership.delegations()).isEmpty();
		assertThat(members.accessRequests(firm, owner.id())).isEmpty();
		assertThat(firms.hasRequestedAccess(collaborator)).isFalse();
	}

	@Test
	void addingTheAuthorOfAnAccessRequestGivesThemTheirPlaceAtOnceAndClosesTheRequest() {
		User collaborator = login("collab-" + UUID.randomUUID(), "Anne Asker", "anne@" + siren + ".fr",
				Role.COLLABORATEUR, null);
		firms.requestAccess(collaborator);
		assertThat(members.accessRequests(firm, owner.id())).hasSize(1);

		UUID member = firms.addCollaborator(firm, owner.id(), "anne@" + siren + ".fr");

		assertThat(members.accessRequests(firm, owner.id())).isEmpty();
		assertThat(firms.membershipOf(collaborator.id()).orElseThrow().memberId()).isEqualTo(member);
		assertThat(members.members(firm, owner.id())).filteredOn(m -> m.id().equals(member))
			.singleElement()
			.satisfies(m -> assertThat(m.matchedBy()).isEqualTo(MatchedBy.EMAIL));
		assertRefused(() -> firms.addCollaborator(firm, owner.id(), collaborator.subject()), 409, "firm.member.exists");
	}

	@Test
	void delegationsAreGrantedWithdrawnAndChecked() {
		User collaborator = addedCollaborator();
		UUID member = firms.membershipOf(collaborator.id()).orElseThrow().memberId();

		assertRefused(() -> firms.require(collaborator.id(), firm, Delegation.SEAL), 403, "firm.refused.SEAL");
		firms.grant(firm, owner.id(), member, Delegation.SEAL, null);
		assertThat(firms.require(collaborator.id(), firm, Delegation.SEAL).may(Delegation.SEAL)).isTrue();
		assertRefused(() -> firms.require(collaborator.id(), firm, Delegation.SIGN), 403, "firm.refused.SIGN");

		firms.withdraw(firm, owner.id(), member, Delegation.SEAL);
		assertRefused(() -> firms.require(collaborator.id(), firm, Delegation.SEAL), 403, "firm.refused.SEAL");
		awaitAudit("firm.delegation.granted", "firm.delegation.withdrawn", "firm.action.refused");
	}

	@Test
	void aDelegationUntilADateEndsAfterThatDay() {
		User collaborator = addedCollaborator();
		UUID member = firms.membershipOf(collaborator.id()).orElseThrow().memberId();

		firms.grant(firm, owner.id(), member, Delegation.PREPARE, LocalDate.now(Firms.FIRM_ZONE));
		assertThat(firms.membershipOf(collaborator.id()).orElseThrow().may(Delegation.PREPARE)).isTrue();
		assertThat(members.members(firm, owner.id())).filteredOn(m -> m.id().equals(member))
			.singleElement()
			.satisfies(m -> assertThat(m.delegations().get(0).validUntil()).isAfter(java.time.Instant.now()));

		assertRefused(() -> firms.grant(firm, owner.id(), member, Delegation.PREPARE,
				LocalDate.now(Firms.FIRM_ZONE).minusDays(1)), 400, "firm.delegation.pastDate");
	}

	@Test
	void theFirmsNameFollowsTheSharedRuleForNames() {
		for (String impersonating : new String[] { "DGFiP \u202Epdf.exe", "Cabinet\r\nBcc: x@evil.example",
				"C\u0430binet Démo", "x".repeat(256) }) {
			assertThatThrownBy(() -> firms.updateDetails(firm, owner.id(),
					new FirmDetails(impersonating, "75-0012345", "1 rue", "75001", "Paris")))
				.as(impersonating)
				.isInstanceOfSatisfying(fr.paraphe.shared.ProblemException.class,
						refused -> assertThat(refused.getStatusCode().value()).isEqualTo(400));
		}
		assertThat(firms.firm(firm, owner.id()).name()).isEqualTo("Cabinet " + siren);

		firms.updateDetails(firm, owner.id(), new FirmDetails("Cabinet Be\u0301ranger", "75-0012345", "1 rue", "75001", "Paris"));
		assertThat(firms.firm(firm, owner.id()).name()).isEqualTo("Cabinet Béranger");
	}

	@Test
	void onlyTheOwnerManagesTheFirm() {
		User collaborator = addedCollaborator();
		UUID member = firms.membershipOf(collaborator.id()).orElseThrow().memberId();

		assertRefused(() -> members.members(firm, collaborator.id()), 403, "firm.refused.ownerOnly");
		assertRefused(() -> firms.addCollaborator(firm, collaborator.id(), "x@y.fr"), 403, "firm.refused.ownerOnly");
		assertRefused(() -> firms.grant(firm, collaborator.id(), member, Delegation.SIGN, null), 403,
				"firm.refused.ownerOnly");
		assertRefused(() -> firms.updateDetails(firm, collaborator.id(),
				new FirmDetails("X", "123", "1 rue", "75001", "Paris")), 403, "firm.refused.ownerOnly");
		// A collaborator still reads their own firm.
		assertThat(firms.firm(firm, collaborator.id()).siren()).isEqualTo(siren);
	}

	@Test
	void anotherFirmsOwnerFindsNothingByGuessingIdentifiers() {
		User collaborator = addedCollaborator();
		UUID member = firms.membershipOf(collaborator.id()).orElseThrow().memberId();
		User stranger = login("other-" + UUID.randomUUID(), "Other Owner", null, Role.EXPERT_COMPTABLE, TestSirens.random());
		FirmId strangersFirm = firms.membershipOf(stranger.id()).orElseThrow().firm();

		assertRefused(() -> firms.firm(firm, stranger.id()), 404, "firm.notFound");
		assertRefused(() -> members.members(firm, stranger.id()), 404, "firm.notFound");
		assertRefused(() -> firms.grant(firm, stranger.id(), member, Delegation.SEAL, null), 404, "firm.notFound");
		assertRefused(() -> firms.require(stranger.id(), firm, Delegation.SEAL), 404, "firm.notFound");
		// Their own firm with our member's id: not found either.
		assertRefused(() -> firms.grant(strangersFirm, stranger.id(), member, Delegation.SEAL, null), 404, "firm.notFound");
		assertRefused(() -> firms.removeCollaborator(strangersFirm, stranger.id(), member), 404, "firm.notFound");
		assertThat(firms.membershipOf(collaborator.id()).orElseThrow().delegations()).isEmpty();
	}

	@Test
	void aRemovedCollaboratorLosesEverythingAtOnce() {
		User collaborator = addedCollaborator();
		UUID member = firms.membershipOf(collaborator.id()).orElseThrow().memberId();
		firms.grant(firm, owner.id(), member, Delegation.SIGN, null);

		firms.removeCollaborator(firm, owner.id(), member);

		assertThat(firms.membershipOf(collaborator.id())).isEmpty();
		assertRefused(() -> firms.require(collaborator.id(), firm, Delegation.SIGN), 404, "firm.notFound");
		assertRefused(() -> firms.removeCollaborator(firm, owner.id(), firms.membershipOf(owner.id()).orElseThrow().memberId()),
				409, "firm.member.ownerStays");
		awaitAudit("firm.member.removed");
	}

	@Test
	void delegationsSentByTheSsoAreFollowedButTheOwnersRemovalSticks() {
		String subject = "sso-collab-" + UUID.randomUUID();
		User collaborator = login(subject, "Sam Sso", null, Role.COLLABORATEUR, siren, List.of("sceller", "préparer", "bogus"));
		Membership membership = firms.membershipOf(collaborator.id()).orElseThrow();
		assertThat(membership.delegations()).containsExactlyInAnyOrder(Delegation.SEAL, Delegation.PREPARE);

		// The owner adds LAUNCH; the SSO then drops PREPARE: the owner's grant stays.
		firms.grant(firm, owner.id(), membership.memberId(), Delegation.LAUNCH, null);
		login(subject, "Sam Sso", null, Role.COLLABORATEUR, siren, List.of("SEAL"));
		assertThat(firms.membershipOf(collaborator.id()).orElseThrow().delegations())
			.containsExactlyInAnyOrder(Delegation.SEAL, Delegation.LAUNCH);

		firms.removeCollaborator(firm, owner.id(), membership.memberId());
		login(subject, "Sam Sso", null, Role.COLLABORATEUR, siren, List.of("SEAL"));
		assertThat(firms.membershipOf(collaborator.id())).isEmpty();
	}

	@Test
	void addingTwiceOrNonsenseIsRefusedClearly() {
		firms.addCollaborator(firm, owner.id(), "dup@" + siren + ".fr");

		assertRefused(() -> firms.addCollaborator(firm, owner.id(), " DUP@" + siren + ".fr "), 409, "firm.member.exists");
		assertRefused(() -> firms.addCollaborator(firm, owner.id(), "  "), 400, "firm.member.invalidIdentifier");
		assertRefused(() -> firms.addCollaborator(firm, owner.id(), "a\u0000b"), 400, "firm.member.invalidIdentifier");
	}

	@Test
	void aRefusalIsAuditedEvenWhenTheCallersTransactionRollsBack() {
		User collaborator = addedCollaborator();

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> firms.require(collaborator.id(), firm, Delegation.LAUNCH)))
			.isInstanceOf(ProblemException.class);

		await().untilAsserted(() -> assertThat(audit.forFirm(firm, 100))
			.anySatisfy(entry -> {
				assertThat(entry.action()).isEqualTo("firm.action.refused");
				assertThat(entry.actor()).isEqualTo(collaborator.id().toString());
				assertThat(entry.details().get("refused")).isEqualTo("delegation LAUNCH");
			}));
	}

	@Test
	void ownerCompletesTheDetails() {
		Firm updated = firms.updateDetails(firm, owner.id(),
				new FirmDetails("Cabinet Complet", "14-123456", "12 rue de la Paix", "75002", "Paris"));

		assertThat(updated.isComplete()).isTrue();
		assertThat(updated.name()).isEqualTo("Cabinet Complet");
		assertThat(firms.firm(firm, owner.id()).city()).isEqualTo("Paris");
	}

	private User addedCollaborator() {
		String email = "c-" + UUID.randomUUID() + "@" + siren + ".fr";
		firms.addCollaborator(firm, owner.id(), email);
		return login("collab-" + UUID.randomUUID(), "Colette Collab", email, Role.COLLABORATEUR, null);
	}

	private User login(String subject, String name, String email, Role role, Siren otherFirm) {
		return login(subject, name, email, role, otherFirm == null ? siren : otherFirm, null);
	}

	private User login(String subject, String name, String email, Role role, Siren firmSiren, List<String> delegations) {
		return users.recordLogin(new SsoProfile(subject, name, email, role, firmSiren, "Cabinet " + firmSiren, delegations));
	}

	private void awaitAudit(String... actions) {
		await().untilAsserted(() -> assertThat(audit.forFirm(firm, 200)).extracting(AuditEntry::action).contains(actions));
	}

	private static void assertRefused(Runnable action, int status, String messageKey) {
		assertThatThrownBy(action::run).isInstanceOfSatisfying(ProblemException.class, problem -> {
			assertThat(problem.getStatusCode().value()).isEqualTo(status);
			assertThat(problem.messageKey()).isEqualTo(messageKey);
		});
	}

}
