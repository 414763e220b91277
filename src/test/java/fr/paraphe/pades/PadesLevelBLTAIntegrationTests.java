package fr.paraphe.pades;


/** PAdES-BASELINE-LTA: the shared suite of {@link AbstractPadesLevelIntegrationTests}. */
class PadesLevelBLTAIntegrationTests extends AbstractPadesLevelIntegrationTests {

	@Override
	SignatureLevel level() {
		return SignatureLevel.B_LTA;
	}

	@Override
	eu.europa.esig.dss.enumerations.SignatureLevel expectedFormat() {
		return eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LTA;
	}

}
