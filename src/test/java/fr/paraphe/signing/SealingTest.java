package fr.paraphe.signing;

import java.util.UUID;

import fr.paraphe.BrowserTest;
import fr.paraphe.TestSirens;
import fr.paraphe.billing.Billing;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.DemoFirm;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Siren;
import fr.paraphe.terms.Terms;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the tests that seal (or sign) for a firm share: the beans they reach, the demonstration firm's owner ready to
 * act (the CGU in force accepted, the firm credited), and new firms of their own with a seal certificate got the way
 * a real firm gets it ({@link CheckedSeals}). It is a {@link BrowserTest}, for the tests that seal on the pages
 * (the server's port, browsers quit after each test); the others just do not start one. A test class extends it
 * and keeps its own {@code @ParapheIntegrationTest}.
 */
public abstract class SealingTest extends BrowserTest {

	/** "Cabinet Démo", the demonstration firm the demo logins belong to. */
	protected static final Siren DEMO = DemoFirm.SIREN;

	@Autowired
	protected Users users;

	@Autowired
	protected Firms firms;

	@Autowired
	protected Billing billing;

	@Autowired
	protected Terms terms;

	@Autowired
	protected SealChecks checks;

	@Autowired
	protected ApiKeys apiKeys;

	/** A firm and the owner who acts for it. */
	public record Owner(User user, FirmId firm) {

		public fr.paraphe.shared.UserId id() {
			return user.id();
		}

	}

	/** The demonstration firm ({@link #DEMO}). */
	protected FirmId demoFirm() {
		return firms.findBySiren(DEMO).orElseThrow().id();
	}

	/**
	 * The demonstration firm's first owner (log in as "expert" first, so that they exist), who accepted the CGU in
	 * force, the firm credited {@code credit} euros.
	 */
	protected Owner demoOwner(String credit) {
		FirmId firm = demoFirm();
		User owner = users.findById(firms.ownersOf(firm).get(0)).orElseThrow();
		acceptTerms(owner);
		billing.credit(firm, owner.id(), Money.parse(credit));
		return new Owner(owner, firm);
	}

	/**
	 * The owner of a new firm {@code firmName} under a random SIREN, an expert-comptable {@code name} (SSO subject
	 * {@code subject-<uuid>}), whose firm has its seal certificate: the details completed, the seal asked for and
	 * approved by an officer. The CGU are not accepted and the firm has no credit yet.
	 */
	protected Owner newFirmWithSeal(String subject, String name, String firmName) {
		User owner = users.recordLogin(new SsoProfile(subject + "-" + UUID.randomUUID(), name, null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), firmName));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		new CheckedSeals(firms, users, checks).issue(owner, firm);
		return new Owner(owner, firm);
	}

	/** As {@link #newFirmWithSeal}, ready to seal: the CGU in force accepted, the firm credited {@code credit} euros. */
	protected Owner firmWithSeal(String subject, String name, String firmName, String credit) {
		Owner owner = newFirmWithSeal(subject, name, firmName);
		acceptTerms(owner.user());
		billing.credit(owner.firm(), owner.id(), Money.parse(credit));
		return owner;
	}

	/** The user accepts the CGU in force. */
	protected void acceptTerms(User user) {
		terms.accept(user.id(), terms.current().orElseThrow().number(), "127.0.0.1");
	}

}
