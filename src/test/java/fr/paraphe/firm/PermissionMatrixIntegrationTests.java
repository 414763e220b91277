package fr.paraphe.firm;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.billing.Billing;
import fr.paraphe.firm.internal.Members;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every kind of person × every action on one firm, and the same people against that firm by its identifiers:
 * each action is allowed exactly when it should be; a refusal is 403 for a member, 404 for anyone else
 * (nothing about the firm leaks). Signing and sealing check through {@link Firms#require}, exercised here
 * with each delegation; the pages and API that sign and seal come with their own module.
 */
@ParapheIntegrationTest
class PermissionMatrixIntegrationTests {

	enum Action {

		SIGN, SEAL, PREPARE, LAUNCH, MANAGE_COLLABORATORS, CREDIT, SEE_STATEMENT, READ_FIRM

	}

	@Autowired
	Firms firms;

	@Autowired
	Members members;

	@Autowired
	Users users;

	@Autowired
	Billing billing;

	@Test
	void eachPersonMayDoExactlyWhatTheirPlaceAllows() {
		Siren siren = TestSirens.random();
		User owner = login("owner", Role.EXPERT_COMPTABLE, siren);
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();

		Map<String, User> people = new LinkedHashMap<>();
		Map<String, Set<Action>> allowed = new LinkedHashMap<>();
		Map<String, Integer> refusal = new LinkedHashMap<>();
		people.put("owner", owner);
		allowed.put("owner", EnumSet.allOf(Action.class));
		for (Delegation delegation : Delegation.values()) {
			String name = "collaborator with " + delegation;
			people.put(name, collaborator(firm, owner, siren, delegation));
			allowed.put(name, EnumSet.of(Action.valueOf(delegation.name()), Action.READ_FIRM));
			refusal.put(name, 403);
		}
		people.put("collaborator without delegation", collaborator(firm, owner, siren, null));
		allowed.put("collaborator without delegation", EnumSet.of(Action.READ_FIRM));
		refusal.put("collaborator without delegation", 403);

		User removed = collaborator(firm, owner, siren, Delegation.SEAL);
		firms.removeCollaborator(firm, owner.id(), firms.membershipOf(removed.id()).orElseThrow().memberId());
		people.put("removed collaborator", removed);
		allowed.put("removed collaborator", EnumSet.noneOf(Action.class));
		refusal.put("removed collaborator", 404);

		people.put("collaborator not added", login("stranger-collab", Role.COLLABORATEUR, siren));
		allowed.put("collaborator not added", EnumSet.noneOf(Action.class));
		refusal.put("collaborator not added", 404);

		people.put("another firm's owner", login("other-owner", Role.EXPERT_COMPTABLE, TestSirens.random()));
		allowed.put("another firm's owner", EnumSet.noneOf(Action.class));
		refusal.put("another firm's owner", 404);

		people.put("platform administrator", login("admin", Role.PLATFORM_ADMIN, null));
		allowed.put("platform administrator", EnumSet.noneOf(Action.class));
		refusal.put("platform administrator", 404);

		people.put("registration officer", login("officer", Role.REGISTRATION_OFFICER, null));
		allowed.put("registration officer", EnumSet.noneOf(Action.class));
		refusal.put("registration officer", 404);

		billing.credit(firm, owner.id(), Money.parse("50"));
		SoftAssertions softly = new SoftAssertions();
		people.forEach((name, person) -> {
			for (Action action : Action.values()) {
				boolean expected = allowed.get(name).contains(action);
				Integer status = null;
				try {
					perform(action, firm, person.id());
				}
				catch (ProblemException problem) {
					status = problem.getStatusCode().value();
				}
				if (expected) {
					softly.assertThat(status).as("%s may %s", name, action).isNull();
				}
				else {
					softly.assertThat(status).as("%s may not %s", name, action).isEqualTo(refusal.get(name));
				}
			}
		});
		softly.assertAll();
	}

	private void perform(Action action, FirmId firm, UserId actor) {
		switch (action) {
			case SIGN, SEAL, PREPARE, LAUNCH -> firms.require(actor, firm, Delegation.valueOf(action.name()));
			case MANAGE_COLLABORATORS -> members.members(firm, actor);
			case CREDIT -> billing.credit(firm, actor, Money.parse("1"));
			case SEE_STATEMENT -> billing.statement(firm, actor, Instant.EPOCH, Instant.now(), null, 10);
			case READ_FIRM -> firms.firm(firm, actor);
		}
	}

	private User collaborator(FirmId firm, User owner, Siren siren, Delegation delegation) {
		String email = "m-" + UUID.randomUUID() + "@matrix.fr";
		UUID member = firms.addCollaborator(firm, owner.id(), email);
		User user = users.recordLogin(new SsoProfile("m-" + UUID.randomUUID(), "Matrix", email, Role.COLLABORATEUR, siren,
				"Cabinet " + siren));
		if (delegation != null) {
			firms.grant(firm, owner.id(), member, delegation, null);
		}
		return user;
	}

	private User login(String prefix, Role role, Siren siren) {
		return users.recordLogin(new SsoProfile(prefix + "-" + UUID.randomUUID(), prefix, null, role, siren,
				siren == null ? null : "Cabinet " + siren));
	}


}
