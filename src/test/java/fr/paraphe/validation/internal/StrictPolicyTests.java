package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import eu.europa.esig.dss.enumerations.Context;
import eu.europa.esig.dss.enumerations.SubContext;
import eu.europa.esig.dss.model.policy.CryptographicSuite;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.policy.ValidationPolicyFacade;

import org.junit.jupiter.api.Test;

/**
 * The strict policy builds each cryptographic suite once, and what it builds is what DSS's own policy object builds
 * at every request: the same acceptable algorithms with the same expiration dates, and the same levels.
 */
class StrictPolicyTests {

	@Test
	void eachSuiteIsBuiltOnceAndIsTheOneDssBuildsEachTime() throws Exception {
		StrictPolicy policy;
		ValidationPolicy dss;
		try (InputStream ours = DssEngine.class.getResourceAsStream(DssEngine.STRICT_POLICY);
				InputStream theirs = DssEngine.class.getResourceAsStream(DssEngine.STRICT_POLICY)) {
			policy = StrictPolicy.read(ours);
			dss = ValidationPolicyFacade.newFacade().getValidationPolicy(theirs);
		}
		int compared = 0;
		for (Context context : Context.values()) {
			CryptographicSuite theirs;
			try {
				theirs = dss.getSignatureCryptographicConstraint(context);
			}
			catch (UnsupportedOperationException unsupported) {
				// not a context of a signature's constraints (EVIDENCE_RECORD): refused as DSS refuses it
				assertThat(org.assertj.core.api.Assertions
					.catchThrowable(() -> policy.getSignatureCryptographicConstraint(context)))
					.isInstanceOf(UnsupportedOperationException.class);
				continue;
			}
			CryptographicSuite suite = policy.getSignatureCryptographicConstraint(context);
			assertThat(policy.getSignatureCryptographicConstraint(context)).isSameAs(suite);
			assertSameSuite(suite, theirs);
			for (SubContext subContext : SubContext.values()) {
				CryptographicSuite certificates = policy.getCertificateCryptographicConstraint(context, subContext);
				assertThat(policy.getCertificateCryptographicConstraint(context, subContext)).isSameAs(certificates);
				assertSameSuite(certificates, dss.getCertificateCryptographicConstraint(context, subContext));
			}
			compared++;
		}
		assertThat(compared).isGreaterThanOrEqualTo(5);
		assertThat(policy.getEvidenceRecordCryptographicConstraint())
			.isSameAs(policy.getEvidenceRecordCryptographicConstraint());
		assertSameSuite(policy.getEvidenceRecordCryptographicConstraint(), dss.getEvidenceRecordCryptographicConstraint());
		assertThat(policy.getPolicyName()).isEqualTo(dss.getPolicyName());
	}

	private static void assertSameSuite(CryptographicSuite ours, CryptographicSuite theirs) {
		assertThat(ours == null).isEqualTo(theirs == null);
		if (ours == null) {
			return;
		}
		assertThat(ours.getAcceptableSignatureAlgorithms()).isNotEmpty()
			.isEqualTo(theirs.getAcceptableSignatureAlgorithms());
		assertThat(ours.getAcceptableDigestAlgorithms()).isNotEmpty().isEqualTo(theirs.getAcceptableDigestAlgorithms());
		assertThat(ours.getLevel()).isEqualTo(theirs.getLevel());
		assertThat(ours.getAcceptableSignatureAlgorithmsLevel()).isEqualTo(theirs.getAcceptableSignatureAlgorithmsLevel());
		assertThat(ours.getAcceptableSignatureAlgorithmsMiniKeySizeLevel())
			.isEqualTo(theirs.getAcceptableSignatureAlgorithmsMiniKeySizeLevel());
		assertThat(ours.getAcceptableDigestAlgorithmsLevel()).isEqualTo(theirs.getAcceptableDigestAlgorithmsLevel());
		assertThat(ours.getAlgorithmsExpirationDateLevel()).isEqualTo(theirs.getAlgorithmsExpirationDateLevel());
		assertThat(ours.getAlgorithmsExpirationDateAfterUpdateLevel())
			.isEqualTo(theirs.getAlgorithmsExpirationDateAfterUpdateLevel());
		assertThat(ours.getCryptographicSuiteUpdateDate()).isEqualTo(theirs.getCryptographicSuiteUpdateDate());
	}

}
