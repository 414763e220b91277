package fr.paraphe.timestamp.internal;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Set;

import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.KeyStoreContentSigner;
import fr.paraphe.pki.TimeStampingUnit;
import fr.paraphe.timestamp.TimeStampAuthority;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.util.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 3161 tokens signed with the TSA key (in the PKI's key store) and certificate (critical
 * extendedKeyUsage id-kp-timeStamping). The data is hashed with the JDK's digests and only the digest of
 * the signed attributes goes to the key store, which signs ECDSA with Bouncy Castle.
 */
public class TimeStampAuthorityService implements TimeStampAuthority {

	private static final Logger log = LoggerFactory.getLogger(TimeStampAuthorityService.class);

	/** RFC 3161 §2.4.1 messageImprint: the hash algorithms we accept (ETSI TS 119 312: SHA-2). */
	static final Set<ASN1ObjectIdentifier> ACCEPTED_ALGORITHMS = Set.of(NISTObjectIdentifiers.id_sha256,
			NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

	private final CertificationAuthority ca;

	private final KeyStore keyStore;

	private final SerialNumbers serials;

	private final TimestampProperties properties;

	private final Clock clock;

	private final ASN1ObjectIdentifier policy;

	private final DigestCalculatorProvider digests;

	private volatile Unit unit;

	/** The TSA's certificate in the forms Bouncy Castle wants, prepared once. */
	private record Unit(TimeStampingUnit unit, X509CertificateHolder certificate, Store<X509CertificateHolder> chain) {
	}

	public TimeStampAuthorityService(CertificationAuthority ca, KeyStore keyStore, SerialNumbers serials,
			TimestampProperties properties, Clock clock) {
		this.ca = ca;
		this.keyStore = keyStore;
		this.serials = serials;
		this.properties = properties;
		this.clock = clock;
		this.policy = new ASN1ObjectIdentifier(properties.policyOid());
		try {
			this.digests = new JcaDigestCalculatorProviderBuilder().build();
		}
		catch (OperatorCreationException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	@Override
	public byte[] respond(byte[] query) {
		TimeStampRequest request;
		try {
			request = new TimeStampRequest(query);
		}
		catch (IOException | RuntimeException malformed) {
			return failure(PKIStatus.REJECTION, PKIFailureInfo.badDataFormat, "The time-stamp query is not DER TimeStampReq");
		}
		try {
			TimeStampResponseGenerator generator = new TimeStampResponseGenerator(tokenGenerator(),
					ACCEPTED_ALGORITHMS, Set.of(policy), Set.of());
			// generate() validates the query (algorithm, imprint length, policy, extensions) and turns
			// a refusal into a rejection response with its PKIFailureInfo.
			TimeStampResponse response = generator.generate(request, serials.next(), Date.from(clock.instant()));
			return response.getEncoded();
		}
		catch (TSPException | IOException | RuntimeException failure) {
			log.error("Time-stamping failed", failure);
			return failure(PKIStatus.REJECTION, PKIFailureInfo.systemFailure, "The time-stamping unit failed");
		}
	}

	@Override
	public byte[] timeStamp(DigestAlgorithm algorithm, byte[] imprint) {
		if (imprint == null || imprint.length != algorithm.length()) {
			throw new IllegalArgumentException("A " + algorithm.jcaName() + " imprint has " + algorithm.length() + " bytes");
		}
		TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
		requests.setCertReq(true);
		try {
			return tokenGenerator()
				.generate(requests.generate(algorithm.oid(), imprint), serials.next(), Date.from(clock.instant()))
				.getEncoded();
		}
		catch (TSPException | IOException failure) {
			throw new IllegalStateException("Time-stamping failed", failure);
		}
	}

	/** A generator per token: its content signer holds the digest of one signature, so it is not shared. */
	private TimeStampTokenGenerator tokenGenerator() throws TSPException {
		Unit tsa = unit();
		try {
			SignerInfoGenerator signer = new SignerInfoGeneratorBuilder(digests)
				.build(new KeyStoreContentSigner(keyStore, tsa.unit().key()), tsa.certificate());
			DigestCalculator essCertIdDigest = digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
			TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signer, essCertIdDigest, policy);
			long millis = Math.max(1, properties.accuracy().toMillis());
			if (millis % 1000 == 0) {
				generator.setAccuracySeconds((int) Math.min(Integer.MAX_VALUE, millis / 1000));
			}
			else {
				generator.setAccuracySeconds((int) (millis / 1000));
				generator.setAccuracyMillis((int) (millis % 1000));
			}
			generator.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
			// RFC 3161 §2.4.1: the certificates go into the token only when certReq asks for them (BC honours it).
			generator.addCertificates(tsa.chain());
			return generator;
		}
		catch (OperatorCreationException failure) {
			throw new TSPException("Cannot prepare the TSA signer", failure);
		}
	}

	private Unit unit() {
		Unit prepared = unit;
		TimeStampingUnit tsa = ca.timeStampingUnit();
		// A renewed TSA certificate comes with a new key: prepare again.
		if (prepared == null || !prepared.unit().key().equals(tsa.key())) {
			try {
				prepared = new Unit(tsa, new X509CertificateHolder(tsa.certificate().getEncoded()),
						new JcaCertStore(tsa.chain()));
			}
			catch (CertificateEncodingException | IOException failure) {
				throw new IllegalStateException("The TSA certificate does not encode", failure);
			}
			unit = prepared;
		}
		return prepared;
	}

	private static byte[] failure(int status, int failureInfo, String text) {
		try {
			return new TimeStampResponseGenerator(null, ACCEPTED_ALGORITHMS)
				.generateFailResponse(status, failureInfo, text)
				.getEncoded();
		}
		catch (TSPException | IOException impossible) {
			throw new IllegalStateException(impossible);
		}
	}


}
