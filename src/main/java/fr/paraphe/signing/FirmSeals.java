package fr.paraphe.signing;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firm;
import fr.paraphe.firm.Firms;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.LegalPerson;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Firms' electronic seals: the seal certificate ("Paraphe Cachets", organizationIdentifier NTRFR-&lt;SIREN&gt;, ETSI
 * EN 319 412-3) that the CA keeps under the firm's SIREN, and sealing a PDF with it, paid and checked.
 */
@Service
public class FirmSeals {

	private final CertificationAuthority ca;

	private final Firms firms;

	private final Billing billing;

	private final PadesSigner signer;

	private final Clock clock;

	FirmSeals(CertificationAuthority ca, Firms firms, Billing billing, PadesSigner signer, Clock clock) {
		this.ca = ca;
		this.firms = firms;
		this.billing = billing;
		this.signer = signer;
		this.clock = clock;
	}

	/**
	 * Issues a new seal certificate for the firm. Owners only; publishes {@code CertificateIssued}.
	 * @throws ProblemException 403/404 from {@link Firms#requireOwner}
	 */
	public IssuedCertificate issue(UserId owner, FirmId firm) {
		firms.requireOwner(owner, firm);
		Firm details = firms.firm(firm, owner);
		return ca.issue(new LegalPerson(details.siren(), details.name()));
	}

	/** The newest valid seal certificate of the firm with this SIREN; empty if none. */
	public Optional<IssuedCertificate> current(Siren siren) {
		return ca.certificatesOf(siren)
			.stream()
			.filter(certificate -> certificate.status(clock.instant()) == IssuedCertificate.Status.VALID)
			.findFirst();
	}

	/** Issues a seal certificate for a SIREN that has none valid (the demonstration set-up). */
	public IssuedCertificate ensure(Siren siren, String organizationName) {
		return current(siren).orElseGet(() -> ca.issue(new LegalPerson(siren, organizationName)));
	}

	/**
	 * Seals {@code pdf} with the firm's seal, on behalf of {@code actor}, and debits the firm (one transaction: a
	 * refused payment leaves nothing sealed).
	 * @throws ProblemException 403/404 without the SEAL delegation, 409 {@code signing.error.noSeal} without a
	 * valid seal certificate, 402 when the balance is short, and the engine's input errors
	 */
	public byte[] seal(FirmId firm, UserId actor, byte[] pdf, SignatureParameters parameters) {
		firms.require(actor, firm, Delegation.SEAL);
		Firm details = firms.firm(firm, actor);
		IssuedCertificate certificate = current(details.siren())
			.orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "signing.error.noSeal"));
		SignatureParameters named = new SignatureParameters(parameters.level(), details.name(), details.name(),
				parameters.reason(), parameters.location(), parameters.claimedTime(), parameters.appearance(),
				parameters.certification());
		return billing.charge(firm, Operation.SEAL, "seal:" + UUID.randomUUID(), actor.value().toString(),
				() -> signer.sign(pdf, signer.keyOf(certificate), named))
			.result();
	}

}
