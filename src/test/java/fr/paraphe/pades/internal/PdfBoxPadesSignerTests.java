package fr.paraphe.pades.internal;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import fr.paraphe.shared.ProblemException;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks made before any key, time-stamp or revocation data is asked for. */
class PdfBoxPadesSignerTests {

	private final PdfBoxPadesSigner signer = new PdfBoxPadesSigner(null, null, null, 1024, Clock.systemUTC());

	@Test
	void refusesADocumentOverTheSizeLimitWithoutWritingAnything(@TempDir Path temp) throws Exception {
		byte[] large = TestSigner.document("x".repeat(100), "y".repeat(100), "z".repeat(100), "w".repeat(100));
		assertThat(large.length).isGreaterThan(1024);
		SignatureParameters parameters = SignatureParameters.invisible(SignatureLevel.B_LT, "Élodie Dupré", null);
		assertThatThrownBy(() -> signer.sign(large, null, parameters)).isInstanceOfSatisfying(ProblemException.class,
				problem -> {
					assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
					assertThat(problem.messageKey()).isEqualTo("signing.error.tooLarge");
				});
		Path file = temp.resolve("large.pdf");
		Files.write(file, large);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThatThrownBy(() -> signer.sign(file, out, null, parameters)).isInstanceOf(ProblemException.class);
		assertThat(out.size()).isZero();
	}

	@Test
	void parsesTheLevelsEtsiNames() {
		assertThat(SignatureLevel.parse("B-LTA")).contains(SignatureLevel.B_LTA);
		assertThat(SignatureLevel.parse("b_t")).contains(SignatureLevel.B_T);
		assertThat(SignatureLevel.parse("BLT")).contains(SignatureLevel.B_LT);
		assertThat(SignatureLevel.parse("B-XL")).isEmpty();
		assertThat(SignatureLevel.B_LT.etsiName()).isEqualTo("B-LT");
	}

}
