package fr.paraphe.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.Indication;
import fr.paraphe.validation.internal.PdfValidator;
import fr.paraphe.validation.internal.SignatureResult;
import fr.paraphe.validation.internal.ValidationReport;
import fr.paraphe.validation.internal.Verdict;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The platform's own seals at B-B and B-T (no revocation data inside) validate: the validator asks the platform's
 * CA in-process for the current status; a seal certificate revoked after a time-stamped seal leaves it valid, with
 * the revocation stated.
 */
@ParapheIntegrationTest
class OwnSealsValidationIntegrationTests extends SealingTest {

	@Autowired
	FirmSeals seals;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	PdfValidator validator;

	private User owner;

	private FirmId firm;

	@BeforeEach
	void aFirmWithASeal() {
		owner = users.recordLogin(new SsoProfile("own-seal-" + UUID.randomUUID(), "Odile Scellé", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Odile"));
		firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		new CheckedSeals(firms, users, checks).issue(owner, firm);
		acceptTerms(owner);
		billing.credit(firm, owner.id(), Money.parse("20"));
	}

	ValidationReport validate(byte[] pdf) {
		return validator.validate(new ByteArrayInputStream(pdf), "cachet.pdf", Locale.FRENCH);
	}

	byte[] seal(SignatureLevel level) {
		return seals.seal(firm, owner.id(), TestSigner.document("Facture 2026-001"),
				SignatureParameters.invisible(level, null, null));
	}

	@Test
	void ourOwnBbAndBtSealsAreValid() {
		for (SignatureLevel level : new SignatureLevel[] { SignatureLevel.B_B, SignatureLevel.B_T }) {
			ValidationReport report = validate(seal(level));

			assertThat(report.verdict()).as(level + ": " + report.explanation()).isEqualTo(Verdict.VALID);
			SignatureResult signature = report.signatures().get(0);
			assertThat(signature.revocation().status()).isEqualTo("GOOD");
			assertThat(signature.revocation().source()).isEqualTo("PARAPHE_CA");
			assertThat(signature.revocation().checkedNow()).isTrue();
			assertThat(signature.signer().firm()).startsWith("Cabinet Odile, SIREN ");
			assertThat(report.onlineChecks()).as("no HTTP for our own CA").isEmpty();
		}
	}

	@Test
	void aSealCertificateRevokedAfterATimestampedSealLeavesItValidAndSaysSo() throws InterruptedException {
		byte[] sealed = seal(SignatureLevel.B_T);
		Thread.sleep(1_100);
		ca.revoke(seals.current(firms.firm(firm, owner.id()).siren()).orElseThrow().serial(),
				RevocationReason.KEY_COMPROMISE);

		ValidationReport report = validate(sealed);

		SignatureResult signature = report.signatures().get(0);
		assertThat(signature.revocation().status()).isEqualTo("REVOKED");
		assertThat(signature.revocation().provenBeforeRevocation()).isTrue();
		assertThat(signature.indication()).as(report.explanation()).isEqualTo(Indication.TOTAL_PASSED);
		assertThat(report.explanation()).contains("(compromission de la clé), après l’horodatage de la signature : "
				+ "la signature reste valide");
	}

	@Test
	void aRevokedSealCertificateWithoutTimestampIsNotValid() {
		byte[] sealed = seal(SignatureLevel.B_B);
		ca.revoke(seals.current(firms.firm(firm, owner.id()).siren()).orElseThrow().serial(),
				RevocationReason.KEY_COMPROMISE);

		ValidationReport report = validate(sealed);

		assertThat(report.valid()).isFalse();
		assertThat(report.signatures().get(0).revocation().status()).isEqualTo("REVOKED");
		assertThat(report.explanation()).contains("Certificat révoqué le");
	}

}
