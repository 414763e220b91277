package fr.paraphe.pades;


/** PAdES-BASELINE-B: the shared suite of {@link AbstractPadesLevelIntegrationTests}. */
class PadesLevelBBIntegrationTests extends AbstractPadesLevelIntegrationTests {

	@Override
	SignatureLevel level() {
		return SignatureLevel.B_B;
	}

	@Override
	eu.europa.esig.dss.enumerations.SignatureLevel expectedFormat() {
		return eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B;
	}

}
