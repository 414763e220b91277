package fr.paraphe.pades;

import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;

/**
 * The tests every PAdES level passes, as EU DSS organises its own ({@code PAdESLevelBTest extends
 * AbstractPAdESTestSignature}): each output is validated by EU DSS 6.4 offline, with only the Paraphe root trusted
 * and Paraphe's strict policy, and must be TOTAL_PASSED at the expected PAdES-BASELINE format.
 */
abstract class AbstractPadesLevelIntegrationTests extends AbstractPadesIntegrationTests {

	@Test
	void aPersonsSignatureIsTotalPassedAtTheLevelsFormat() {
		byte[] signed = signer.sign(TestSigner.document("Lettre de mission"), person(),
				SignatureParameters.invisible(level(), "Élodie Dupré", "Lettre de mission acceptée"));
		assertAllPassed(signed, 1);
	}

	@Test
	void aSealIsTotalPassedAtTheLevelsFormat() {
		byte[] sealed = signer.sign(TestSigner.document("Attestation"), seal(),
				SignatureParameters.invisible(level(), "Cabinet Démo", "Cachet du cabinet"));
		assertAllPassed(sealed, 1);
	}

	@Test
	void severalSignaturesAllPass() {
		byte[] first = signer.sign(TestSigner.document("Page 1", "Page 2"), person(),
				SignatureParameters.invisible(level(), "Élodie Dupré", "Premier signataire"));
		byte[] second = signer.sign(first, person(), SignatureParameters.invisible(level(), "Marc Lévêque", "Second"));
		assertAllPassed(second, 2);
	}

}
