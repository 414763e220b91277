package fr.paraphe.signing;

import java.util.UUID;

import fr.paraphe.firm.Firm;
import fr.paraphe.firm.FirmDetails;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.shared.FirmId;

/**
 * Gives a test firm its seal certificate the way a real firm gets it: the owner completes the firm's details if
 * needed and asks for the seal, a registration officer approves, and the CA issues the certificate. Through the
 * modules' APIs only, never by writing to the database.
 */
public final class CheckedSeals {

	private final Firms firms;

	private final Users users;

	private final SealChecks checks;

	public CheckedSeals(Firms firms, Users users, SealChecks checks) {
		this.firms = firms;
		this.users = users;
		this.checks = checks;
	}

	/** The owner asks, an officer approves: returns the firm's new seal certificate. */
	public IssuedCertificate issue(User owner, FirmId firm) {
		SealCheck check = request(owner, firm);
		return checks.approve(officer(), check.id());
	}

	/** The owner completes the firm's details if they are not, and asks for the seal. */
	public SealCheck request(User owner, FirmId firm) {
		Firm details = firms.firm(firm, owner.id());
		if (!details.isComplete()) {
			firms.updateDetails(firm, owner.id(), new FirmDetails(details.name(), "75-0012345", "12 rue des Comptes",
					"75002", "Paris"));
		}
		return checks.request(owner, firm);
	}

	/** A new registration officer. */
	public User officer() {
		return users.recordLogin(new SsoProfile("officer-" + UUID.randomUUID(), "Véra Vérificatrice",
				"vera-" + UUID.randomUUID() + "@paraphe.example", Role.REGISTRATION_OFFICER, null, null));
	}

}
