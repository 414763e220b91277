package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The validator on a genuine signed PDF, on a tampered one, and on PDFs without a usable signature. */
class DefaultPdfValidatorTests {

	static final TestPki PKI = new TestPki("Racine de test Paraphe");

	static final TestPki.Credentials CLAIRE = PKI.issue("Claire Martin", "Cabinet Martin");

	static final DefaultPdfValidator VALIDATOR = Validators.trusting(PKI.root());

	static final byte[] SIGNED = TestSigner.sign(TestSigner.document("Lettre de mission 2026"), CLAIRE,
			TestSigner.Options.approval(PKI.crl()));

	@AfterAll
	static void close() {
		VALIDATOR.close();
	}

	@Test
	void aGenuineSignatureIsTotalPassed() {
		ValidationReport report = Validators.validate(VALIDATOR, SIGNED);

		assertThat(report.signatures()).hasSize(1);
		SignatureResult signature = report.signatures().get(0);
		assertThat(signature.indication()).as(signature.errors().toString()).isEqualTo(Indication.TOTAL_PASSED);
		assertThat(signature.subIndication()).isNull();
		assertThat(signature.signer().name()).isEqualTo("Claire Martin");
		assertThat(signature.signer().organisation()).isEqualTo("Cabinet Martin");
		assertThat(signature.level()).isEqualTo("PAdES-BASELINE-B");
		assertThat(signature.claimedSigningTime()).isNotNull();
		assertThat(signature.trustAnchor()).contains("Racine de test Paraphe");
		assertThat(signature.revocation().status()).isEqualTo("GOOD");
		assertThat(signature.coversWholeDocument()).isTrue();
		assertThat(signature.modifications()).noneMatch(modification -> !modification.permitted());
		assertThat(report.verdict()).isEqualTo(Verdict.VALID);
		assertThat(report.valid()).isTrue();
		assertThat(report.explanation()).startsWith("Ce document a été signé par Claire Martin (Cabinet Martin) le ")
			.contains("il n’a pas été modifié depuis")
			.contains("le certificat était valide au moment de la signature");
	}

	@Test
	void anEditInsideTheSignedBytesFails() {
		byte[] tampered = SIGNED.clone();
		int at = indexOf(tampered, "Lettre de mission 2026");
		if (at < 0) {
			// The text is in a compressed stream: flip a byte in the middle of the first revision instead.
			at = indexOf(tampered, "stream") + 20;
		}
		tampered[at] ^= 0x01;

		ValidationReport report = Validators.validate(VALIDATOR, tampered);

		assertThat(report.valid()).isFalse();
		assertThat(report.verdict()).isIn(Verdict.INVALID, Verdict.MODIFIED);
		assertThat(report.signatures()).allMatch(signature -> signature.indication() != Indication.TOTAL_PASSED);
	}

	@Test
	void aSignerFromAnUnknownAuthorityIsIndeterminate() {
		TestPki other = new TestPki("Autorité inconnue");
		byte[] pdf = TestSigner.sign(TestSigner.document("Contrat"), other.issue("Jean Dupont", "Inconnu"),
				TestSigner.Options.approval(other.crl()));

		ValidationReport report = Validators.validate(VALIDATOR, pdf);

		assertThat(report.signatures().get(0).indication()).isEqualTo(Indication.INDETERMINATE);
		assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
		assertThat(report.valid()).isFalse();
	}

	@Test
	void aRevokedCertificateFails() {
		TestPki.Credentials revoked = PKI.issue("Paul Revoque", "Cabinet Martin");
		byte[] pdf = TestSigner.sign(TestSigner.document("Contrat"), revoked,
				TestSigner.Options.approval(PKI.crl(revoked.certificate())));

		ValidationReport report = Validators.validate(VALIDATOR, pdf);

		assertThat(report.signatures().get(0).indication()).isNotEqualTo(Indication.TOTAL_PASSED);
		assertThat(report.signatures().get(0).revocation().status()).isEqualTo("REVOKED");
		assertThat(report.valid()).isFalse();
	}

	@Test
	void aPdfWithoutSignatureIsNeverValid() {
		ValidationReport report = Validators.validate(VALIDATOR, TestSigner.document("Rien de signé"));

		assertThat(report.verdict()).isEqualTo(Verdict.NO_SIGNATURE);
		assertThat(report.valid()).isFalse();
		assertThat(report.signatures()).isEmpty();
		assertThat(report.explanation()).contains("aucune signature");
	}

	@Test
	void signatureDictionariesThatYieldNoValidatedSignatureAreAFailure() {
		// Replace the CMS by zeros of the same length: the dictionary is there, no signature can be read.
		byte[] broken = SIGNED.clone();
		int contents = indexOf(broken, "/Contents <") + "/Contents <".length();
		for (int i = contents; broken[i] != '>'; i++) {
			broken[i] = '0';
		}

		ValidationReport report = Validators.validate(VALIDATOR, broken);

		assertThat(report.valid()).isFalse();
		assertThat(report.verdict()).isIn(Verdict.INVALID);
		assertThat(report.signatures()).noneMatch(signature -> signature.indication() == Indication.TOTAL_PASSED);
	}

	@Test
	void notAPdfIsRefusedBeforeParsing() {
		assertThatThrownBy(() -> Validators.validate(VALIDATOR, "hello".getBytes(StandardCharsets.US_ASCII)))
			.isInstanceOfSatisfying(DocumentRejectedException.class,
					ex -> assertThat(ex.reason()).isEqualTo(DocumentRejectedException.Reason.NOT_PDF));
	}

	static int indexOf(byte[] haystack, String needle) {
		byte[] bytes = needle.getBytes(StandardCharsets.ISO_8859_1);
		outer: for (int i = 0; i <= haystack.length - bytes.length; i++) {
			for (int j = 0; j < bytes.length; j++) {
				if (haystack[i + j] != bytes[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
