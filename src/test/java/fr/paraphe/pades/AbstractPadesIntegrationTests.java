package fr.paraphe.pades;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.LegalPerson;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.DssEngine;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import eu.europa.esig.dss.validation.reports.Reports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine's integration tests share, without any test of its own: the engine wired as the application
 * wires it, keys issued by the platform's CA, and validation by EU DSS 6.4 offline, with only the Paraphe root
 * trusted and Paraphe's strict policy (TOTAL_PASSED at the expected PAdES-BASELINE format).
 */
@ParapheIntegrationTest
abstract class AbstractPadesIntegrationTests {

	private static ValidationPolicy policy;

	@Autowired
	PadesSigner signer;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	fr.paraphe.pki.RevocationData revocationData;

	/** The level under test. */
	abstract SignatureLevel level();

	/**
	 * Whether the document must validate with no revocation source at all (B-LT and B-LTA carry their validation
	 * data); B-B and B-T documents are validated with the CRLs and OCSP responses fetched in-process.
	 */
	boolean selfContained() {
		return level().atLeast(SignatureLevel.B_LT);
	}

	/** DSS's name of the format the level must produce. */
	abstract eu.europa.esig.dss.enumerations.SignatureLevel expectedFormat();

	SigningKey person() {
		return keyOf(ca.issue(new NaturalPerson(UserId.random(), "Élodie", "Dupré", "IDCFR-" + System.nanoTime() % 1_000_000, "FR")));
	}

	SigningKey seal() {
		return keyOf(ca.issue(new LegalPerson(new Siren("732829320"), "Cabinet Démo")));
	}

	/** The key and chain of a certificate the platform's CA issued, as the signing module builds them. */
	SigningKey keyOf(IssuedCertificate certificate) {
		return keyOf(ca, certificate);
	}

	static SigningKey keyOf(CertificationAuthority ca, IssuedCertificate certificate) {
		return new SigningKey(certificate.key(), List.of(certificate.certificate(),
				ca.authority(certificate.issuer()).certificate(), ca.authority(Authority.ROOT).certificate()));
	}

	Reports validate(byte[] pdf) {
		PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf, "signed.pdf"));
		eu.europa.esig.dss.spi.validation.CommonCertificateVerifier verifier = DssEngine
			.verifier(List.of(ca.authority(Authority.ROOT).certificate()), null);
		if (!selfContained()) {
			InProcessRevocation.install(verifier, revocationData);
		}
		validator.setCertificateVerifier(verifier);
		validator.setLocale(Locale.ENGLISH);
		return validator.validateDocument(policy());
	}

	void assertAllPassed(byte[] pdf, int signatures) {
		Reports reports = validate(pdf);
		SimpleReport report = reports.getSimpleReport();
		// "No signature found" is a failure, never a pass (ARCHITECTURE.md: Bouncy Castle 1.85+).
		assertThat(report.getSignatureIdList()).hasSize(signatures);
		for (String id : report.getSignatureIdList()) {
			assertThat(report.getIndication(id)).as("%s %s %s", id, report.getSubIndication(id),
					report.getAdESValidationErrors(id).stream().map(m -> m.getValue()).toList()).isEqualTo(Indication.TOTAL_PASSED);
			assertThat(report.getSignatureFormat(id)).isEqualTo(expectedFormat());
		}
	}

	static synchronized ValidationPolicy policy() {
		if (policy == null) {
			try (InputStream in = DssEngine.class.getResourceAsStream(DssEngine.STRICT_POLICY)) {
				policy = ValidationPolicyLoader.fromValidationPolicy(in).create();
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		return policy;
	}

}
