package fr.paraphe.pades.internal;

import java.time.Instant;

import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bug 8 of issue 14: a firm's seal read "Signé électroniquement par Cabinet Démo / Cabinet Démo": the firm is both
 * the signer and the organisation of a seal, and is written once.
 */
class VisibleSignatureLinesTests {

	private static final Instant NOON = Instant.parse("2026-11-30T11:00:00Z");

	@Test
	void aSealNamesTheFirmOnce() {
		SignatureParameters seal = new SignatureParameters(SignatureLevel.B_B, "Cabinet Démo", "Cabinet Démo", null, null,
				null, null, 0);

		assertThat(VisibleSignatures.lines(seal, NOON)).containsExactly("Signé électroniquement par", "Cabinet Démo",
				"le 30/11/2026 à 12:00:00");
	}

	@Test
	void aPersonalSignatureNamesThePersonThenTheirFirm() {
		SignatureParameters signature = new SignatureParameters(SignatureLevel.B_B, "Claire Martin", "Cabinet Démo",
				"Approbation", null, null, null, 0);

		assertThat(VisibleSignatures.lines(signature, NOON)).containsExactly("Signé électroniquement par",
				"Claire Martin", "Cabinet Démo", "le 30/11/2026 à 12:00:00", "Motif : Approbation");
	}

}
