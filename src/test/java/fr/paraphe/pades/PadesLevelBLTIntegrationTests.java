package fr.paraphe.pades;


/** PAdES-BASELINE-LT: the shared suite of {@link AbstractPadesLevelIntegrationTests}. */
class PadesLevelBLTIntegrationTests extends AbstractPadesLevelIntegrationTests {

	@Override
	SignatureLevel level() {
		return SignatureLevel.B_LT;
	}

	@Override
	eu.europa.esig.dss.enumerations.SignatureLevel expectedFormat() {
		return eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT;
	}

}
