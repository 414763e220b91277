package fr.paraphe.signing;

import java.io.ByteArrayInputStream;
import java.util.Locale;

import fr.paraphe.validation.ReportSeal;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.Indication;
import fr.paraphe.validation.internal.PdfValidator;
import fr.paraphe.validation.internal.ValidationReport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an operator's SIREN configured, validation reports are sealed with the platform's own seal (a "Paraphe
 * Cachets" certificate, key in the key store, B-LT), and the platform's validator finds that seal valid, trusting
 * only the Paraphe root.
 */
@SpringBootTest(properties = { "paraphe.signing.platform-seal.siren=123456782",
		"paraphe.signing.platform-seal.name=Paraphe Plateforme" })
@ActiveProfiles("test")
class PlatformReportSealIntegrationTests {

	@Autowired
	ReportSeal seal;

	@Autowired
	PdfValidator validator;

	@Test
	void theReportSealIsThePlatformsAndValidates() {
		assertThat(seal.getClass().getSimpleName()).isEqualTo("PlatformReportSeal");

		byte[] sealed = seal.seal(TestSigner.document("Rapport de validation"));

		ValidationReport report = validator.validate(new ByteArrayInputStream(sealed), "rapport.pdf", Locale.FRENCH);
		assertThat(report.signatures()).singleElement().satisfies(signature -> {
			assertThat(signature.indication()).isEqualTo(Indication.TOTAL_PASSED);
			assertThat(signature.signer().organisation()).isEqualTo("Paraphe Plateforme");
			assertThat(signature.level()).isEqualTo("PAdES-BASELINE-LT");
		});
		assertThat(report.valid()).isTrue();
	}

}
