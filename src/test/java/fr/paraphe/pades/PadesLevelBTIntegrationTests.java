package fr.paraphe.pades;


/** PAdES-BASELINE-T: the shared suite of {@link AbstractPadesLevelIntegrationTests}. */
class PadesLevelBTIntegrationTests extends AbstractPadesLevelIntegrationTests {

	@Override
	SignatureLevel level() {
		return SignatureLevel.B_T;
	}

	@Override
	eu.europa.esig.dss.enumerations.SignatureLevel expectedFormat() {
		return eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_T;
	}

}
