package fr.paraphe.billing;

import java.util.UUID;

import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the billing tests share: the beans they reach and new firms of their own (an owner under a random SIREN).
 * A test class extends it and keeps its own {@code @ParapheIntegrationTest}.
 */
abstract class BillingTest {

	@Autowired
	protected Billing billing;

	@Autowired
	protected Users users;

	@Autowired
	protected Firms firms;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected TransactionTemplate transactions;

	/** The owner of a new firm {@code firmName}: an expert-comptable {@code name}, subject {@code subject-<uuid>}. */
	protected User newOwner(String subject, String name, String firmName) {
		return users.recordLogin(new SsoProfile(subject + "-" + UUID.randomUUID(), name, null, Role.EXPERT_COMPTABLE,
				TestSirens.random(), firmName));
	}

	/** The firm {@code owner} belongs to. */
	protected FirmId firmOf(User owner) {
		return firms.membershipOf(owner.id()).orElseThrow().firm();
	}

}
