package fr.paraphe.validation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import eu.europa.esig.dss.enumerations.Context;
import eu.europa.esig.dss.enumerations.SubContext;
import eu.europa.esig.dss.model.policy.CryptographicSuite;
import eu.europa.esig.dss.policy.EtsiValidationPolicy;
import eu.europa.esig.dss.policy.ValidationPolicyFacade;

/**
 * Paraphe's strict policy, read once, with its cryptographic suites built once. DSS's policy builds a new suite
 * each time a check asks for one, and each new suite parses its algorithms' expiration dates again (about a tenth
 * of a validation's time); the suites depend only on the policy's XML, which never changes, so each is built the
 * first time it is asked for and shared. A suite is complete (both its digest and its signature algorithms
 * evaluated) before it is shared: its lazy fields are never written by two threads.
 */
final class StrictPolicy extends EtsiValidationPolicy {

	private final Map<Context, CryptographicSuite> signatureSuites = new ConcurrentHashMap<>();

	private final Map<String, CryptographicSuite> certificateSuites = new ConcurrentHashMap<>();

	private volatile CryptographicSuite evidenceRecordSuite;

	private StrictPolicy(eu.europa.esig.dss.policy.jaxb.ConstraintsParameters constraints) {
		super(constraints);
	}

	static StrictPolicy read(InputStream xml) throws IOException {
		try {
			return new StrictPolicy(ValidationPolicyFacade.newFacade().unmarshall(xml));
		}
		catch (IOException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException("the validation policy cannot be read: " + ex.getMessage(), ex);
		}
	}

	@Override
	public CryptographicSuite getSignatureCryptographicConstraint(Context context) {
		return signatureSuites.computeIfAbsent(context,
				key -> complete(super.getSignatureCryptographicConstraint(key)));
	}

	@Override
	public CryptographicSuite getCertificateCryptographicConstraint(Context context, SubContext subContext) {
		return certificateSuites.computeIfAbsent(context + "/" + subContext,
				key -> complete(super.getCertificateCryptographicConstraint(context, subContext)));
	}

	@Override
	public CryptographicSuite getEvidenceRecordCryptographicConstraint() {
		CryptographicSuite suite = evidenceRecordSuite;
		if (suite == null) {
			synchronized (this) {
				if (evidenceRecordSuite == null) {
					evidenceRecordSuite = complete(super.getEvidenceRecordCryptographicConstraint());
				}
				suite = evidenceRecordSuite;
			}
		}
		return suite;
	}

	/** Evaluates the suite's lazy parts now, before it is shared between threads. */
	private static CryptographicSuite complete(CryptographicSuite suite) {
		if (suite != null) {
			suite.getAcceptableDigestAlgorithms();
			suite.getAcceptableSignatureAlgorithms();
		}
		return suite;
	}

}
