package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;

/**
 * Attacks where EU DSS with its default policy passes the signature (at most with a warning) and Paraphe does not:
 * the reason for the strict policy and the revision comparison. Each case first checks what plain DSS says, so the
 * test shows the gap it closes.
 */
class StricterThanDssTests {

	static final DefaultPdfValidator VALIDATOR = Validators.trusting(AttackCorpusTests.PKI.root());

	@org.junit.jupiter.api.AfterAll
	static void close() {
		VALIDATOR.close();
	}

	@Test
	void anOverlayAnnotationAfterSigning() {
		byte[] attacked = AttackCorpusTests.incremental(AttackCorpusTests.SIGNED,
				document -> AttackCorpusTests.addOverlay(document, "Honoraires : 10 000 EUR"));

		assertThat(plainDss(attacked)).containsExactly("TOTAL_PASSED");
		assertModified(attacked);
	}

	@Test
	void aFormFieldValueReplacedAfterAnApprovalSignature() {
		byte[] form = TestSigner.documentWithTextField("Attestation", "montant", "1 000 EUR", false);
		byte[] attacked = AttackCorpusTests.incremental(AttackCorpusTests.sign(form, AttackCorpusTests.CLAIRE),
				document -> AttackCorpusTests.setField(document, "montant", "9 000 EUR"));

		assertThat(plainDss(attacked)).containsExactly("TOTAL_PASSED");
		assertModified(attacked);
	}

	@Test
	void aHiddenFieldRevealedAfterSigning() {
		byte[] form = TestSigner.documentWithTextField("Attestation", "montant", "9 000 EUR", true);
		byte[] attacked = AttackCorpusTests.incremental(AttackCorpusTests.sign(form, AttackCorpusTests.CLAIRE),
				document -> {
					var widget = document.getDocumentCatalog().getAcroForm().getField("montant").getWidgets().get(0);
					widget.setHidden(false);
					widget.getCOSObject().setNeedToBeUpdated(true);
				});

		assertThat(plainDss(attacked)).containsExactly("TOTAL_PASSED");
		assertModified(attacked);
	}

	static void assertModified(byte[] attacked) {
		ValidationReport report = Validators.validate(VALIDATOR, attacked);
		assertThat(report.valid()).isFalse();
		assertThat(report.verdict()).as(AttackCorpusTests.describe(report)).isEqualTo(Verdict.MODIFIED);
		assertThat(report.explanation()).contains("modifié après la signature");
	}

	/** EU DSS with its default policy, trusting the same root. */
	static List<String> plainDss(byte[] pdf) {
		SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
		CommonCertificateVerifier verifier = new CommonCertificateVerifier();
		verifier.setAIASource(null);
		CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
		trusted.addCertificate(new CertificateToken(AttackCorpusTests.PKI.root()));
		verifier.setTrustedCertSources(trusted);
		validator.setCertificateVerifier(verifier);
		Reports reports = validator.validateDocument();
		return reports.getSimpleReport()
			.getSignatureIdList()
			.stream()
			.map(id -> reports.getSimpleReport().getIndication(id).name())
			.toList();
	}

}
