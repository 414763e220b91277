package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Signature time-stamps (PAdES-BASELINE-T, a proven signing time) and document time-stamps. */
class TimestampTests {

	static final TestPki PKI = new TestPki("Racine horodatage");

	static final TestPki.Credentials CLAIRE = PKI.issue("Claire Martin", "Cabinet Martin");

	static final TestPki.Credentials TSA = PKI.issueTimestampingUnit("Horodatage de test");

	// The time-stamping unit is trusted directly: no revocation data is needed for a trust anchor.
	static final DefaultPdfValidator VALIDATOR = Validators.trusting(PKI.root(), TSA.certificate());

	@AfterAll
	static void close() {
		VALIDATOR.close();
	}

	@Test
	void aSignatureTimeStampProvesTheSigningTime() {
		byte[] signed = TestSigner.sign(TestSigner.document("Bilan"), CLAIRE,
				TestSigner.Options.approval(PKI.crl()).timestampedBy(TSA));

		ValidationReport report = Validators.validate(VALIDATOR, signed);

		SignatureResult signature = report.signatures().get(0);
		assertThat(signature.level()).isEqualTo("PAdES-BASELINE-T");
		assertThat(signature.timestamps()).hasSize(1);
		assertThat(signature.timestamps().get(0).type()).isEqualTo("SIGNATURE_TIMESTAMP");
		assertThat(signature.timestamps().get(0).indication()).isEqualTo(Indication.TOTAL_PASSED);
		assertThat(signature.provenSigningTime()).isNotNull();
		assertThat(signature.signingTime()).isEqualTo(signature.provenSigningTime());
		assertThat(report.verdict()).as(AttackCorpusTests.describe(report)).isEqualTo(Verdict.VALID);
	}

	@Test
	void aDocumentTimeStampAfterSigningIsReportedAndPermitted() {
		byte[] signed = TestSigner.sign(TestSigner.document("Bilan"), CLAIRE, TestSigner.Options.approval(PKI.crl()));
		byte[] timestamped = TestSigner.documentTimestamp(signed, TSA);

		ValidationReport report = Validators.validate(VALIDATOR, timestamped);

		assertThat(report.documentTimestamps()).hasSize(1);
		assertThat(report.documentTimestamps().get(0).indication()).isEqualTo(Indication.TOTAL_PASSED);
		assertThat(report.documentTimestamps().get(0).productionTime()).isNotNull();
		assertThat(report.signatures()).hasSize(1);
		assertThat(report.signatures().get(0).modifications())
			.anyMatch(m -> m.kind() == Modification.Kind.DOCUMENT_TIMESTAMP_ADDED && m.permitted());
		assertThat(report.verdict()).as(AttackCorpusTests.describe(report)).isEqualTo(Verdict.VALID);
	}

}
