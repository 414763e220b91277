package fr.paraphe.pki.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.KeyStoreContentSigner;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCSP responder (RFC 6960). Answers for the root (signed by the root itself) and for each issuing CA
 * (signed by its delegated responder certificate, RFC 6960 §4.2.2.2). Every answer reads the
 * certificate's status from the database, so a revocation shows at once on every node; what is cached
 * is only the signed response of a request without nonce (RFC 5019 §2.2.1 "pre-produced responses"),
 * under a key that includes the status it states.
 * <p>
 * {@link #respond(byte[])} never throws: whatever the bytes, it returns a DER {@code OCSPResponse}.
 */
public class OcspResponder {

	private static final Logger log = LoggerFactory.getLogger(OcspResponder.class);

	/** A request listing more certificates than this is refused as malformed. */
	static final int MAX_CERTIFICATES_PER_REQUEST = 32;

	/** RFC 8954 §2.1: a nonce is 1 to 32 octets. */
	static final int MAX_NONCE_LENGTH = 32;

	private static final int CACHE_LIMIT = 100_000;

	/** A DER OCSPResponse with, for successful ones, the validity of the statement. */
	public record Answer(byte[] der, Instant thisUpdate, Instant nextUpdate, boolean cacheable) {

		static Answer refusal(int status) {
			try {
				return new Answer(new OCSPRespBuilder().build(status, null).getEncoded(), null, null, false);
			}
			catch (IOException | OCSPException impossible) {
				throw new IllegalStateException(impossible);
			}
		}

	}

	private record Responder(Authority issuer, IssuedCertificate signer, X509CertificateHolder[] chain, RespID id) {
	}

	private final Hierarchy hierarchy;

	private final Certificates certificates;

	private final KeyStore keyStore;

	private final Duration validity;

	private final Clock clock;

	private final DigestCalculatorProvider digests;

	private volatile Map<String, Responder> responders;

	/** The hierarchy snapshot {@link #responders} was computed from: a renewal makes it stale. */
	private volatile Map<Authority, IssuedCertificate> respondersSource;

	private final Map<String, Answer> cache = new ConcurrentHashMap<>();

	public OcspResponder(Hierarchy hierarchy, Certificates certificates, KeyStore keyStore, Duration validity,
			Clock clock) {
		this.hierarchy = hierarchy;
		this.certificates = certificates;
		this.keyStore = keyStore;
		this.validity = validity;
		this.clock = clock;
		try {
			this.digests = new JcaDigestCalculatorProviderBuilder().build();
		}
		catch (OperatorCreationException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** Answers a DER {@code OCSPRequest}. Never throws, never returns null. */
	public Answer respond(byte[] request) {
		OCSPReq parsed;
		try {
			parsed = new OCSPReq(request);
		}
		catch (IOException | RuntimeException malformed) {
			return Answer.refusal(OCSPRespBuilder.MALFORMED_REQUEST);
		}
		try {
			return respond(parsed);
		}
		catch (MalformedException malformed) {
			return Answer.refusal(OCSPRespBuilder.MALFORMED_REQUEST);
		}
		catch (RuntimeException | OCSPException | IOException failure) {
			log.error("OCSP response failed", failure);
			return Answer.refusal(OCSPRespBuilder.INTERNAL_ERROR);
		}
	}

	private Answer respond(OCSPReq request) throws OCSPException, IOException {
		Req[] list = request.getRequestList();
		if (list.length == 0 || list.length > MAX_CERTIFICATES_PER_REQUEST) {
			throw new MalformedException();
		}
		Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
		if (nonce != null) {
			int length = nonceLength(nonce);
			if (length < 1 || length > MAX_NONCE_LENGTH) {
				throw new MalformedException();
			}
		}
		// RFC 6960 §2.3 "unauthorized": a certificate of an issuer this responder does not serve.
		Responder responder = responderFor(list[0].getCertID()).orElse(null);
		if (responder == null) {
			return Answer.refusal(OCSPRespBuilder.UNAUTHORIZED);
		}
		StatusOf[] statuses = new StatusOf[list.length];
		StringBuilder cacheKey = new StringBuilder();
		for (int i = 0; i < list.length; i++) {
			CertificateID id = list[i].getCertID();
			statuses[i] = status(responder, id);
			cacheKey.append(HexFormat.of().formatHex(id.toASN1Primitive().getEncoded())).append('=')
				.append(statuses[i].key()).append(';');
		}
		boolean cacheable = nonce == null && list.length == 1;
		Instant now = clock.instant();
		if (cacheable) {
			Answer cached = cache.get(cacheKey.toString());
			if (cached != null && now.isBefore(cached.thisUpdate().plus(validity.dividedBy(2)))) {
				return cached;
			}
		}
		Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
		Instant nextUpdate = thisUpdate.plus(validity);
		BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responder.id());
		for (int i = 0; i < list.length; i++) {
			builder.addResponse(list[i].getCertID(), statuses[i].status(), Date.from(thisUpdate), Date.from(nextUpdate),
					null);
		}
		if (nonce != null) {
			// RFC 6960 §4.4.1: the nonce comes back in the response's extensions.
			builder.setResponseExtensions(new Extensions(
					new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonce.getExtnValue())));
		}
		BasicOCSPResp basic = builder.build(new KeyStoreContentSigner(keyStore, responder.signer().key()),
				responder.chain(), Date.from(thisUpdate));
		Answer answer = new Answer(new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded(),
				thisUpdate, nextUpdate, cacheable);
		if (cacheable) {
			if (cache.size() >= CACHE_LIMIT) {
				cache.clear();
			}
			cache.put(cacheKey.toString(), answer);
		}
		return answer;
	}

	private record StatusOf(CertificateStatus status, String key) {
	}

	private StatusOf status(Responder responder, CertificateID id) {
		Optional<Responder> issuer = responderFor(id);
		if (issuer.isEmpty() || issuer.get().issuer() != responder.issuer() || id.getSerialNumber().signum() <= 0
				|| id.getSerialNumber().bitLength() > 159) {
			return new StatusOf(new UnknownStatus(), "u");
		}
		Optional<Certificates.Status> status = certificates.status(new CertificateSerial(id.getSerialNumber()))
			.filter(found -> found.issuer() == responder.issuer());
		if (status.isEmpty()) {
			// RFC 6960 §2.2: "unknown" — this CA never issued a certificate with this serial.
			return new StatusOf(new UnknownStatus(), "u");
		}
		Certificates.Status found = status.get();
		if (found.revokedAt() == null) {
			return new StatusOf(CertificateStatus.GOOD, "g");
		}
		return new StatusOf(new RevokedStatus(Date.from(found.revokedAt()), found.reason().code()),
				"r" + found.revokedAt().getEpochSecond() + "/" + found.reason().code());
	}

	private Optional<Responder> responderFor(CertificateID id) {
		String key = id.getHashAlgOID().getId() + ":" + HexFormat.of().formatHex(id.getIssuerNameHash()) + ":"
				+ HexFormat.of().formatHex(id.getIssuerKeyHash());
		return Optional.ofNullable(responders().get(key));
	}

	/** For each CA and each hash a client may use in its CertID, who answers. Computed once. */
	private Map<String, Responder> responders() {
		Map<String, Responder> known = responders;
		Map<Authority, IssuedCertificate> source = hierarchy.snapshot();
		if (known != null && respondersSource == source) {
			return known;
		}
		try {
			Map<String, Responder> computed = new HashMap<>();
			DigestCalculator sha1 = digests.get(RespID.HASH_SHA1);
			for (Authority issuer : CrlPublisher.ISSUERS) {
				IssuedCertificate ca = hierarchy.get(issuer);
				IssuedCertificate signer = issuer.ocspResponder().map(hierarchy::get).orElse(ca);
				X509CertificateHolder signerHolder = new X509CertificateHolder(signer.encoded());
				X509CertificateHolder[] chain = signer == ca ? new X509CertificateHolder[0]
						: new X509CertificateHolder[] { signerHolder };
				RespID respId = new RespID(SubjectPublicKeyInfo.getInstance(signer.certificate().getPublicKey().getEncoded()),
						sha1);
				Responder responder = new Responder(issuer, signer, chain, respId);
				X509CertificateHolder caHolder = new X509CertificateHolder(ca.encoded());
				for (AlgorithmIdentifier hash : new AlgorithmIdentifier[] { CertificateID.HASH_SHA1,
						new AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256),
						new AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha384),
						new AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha512) }) {
					CertificateID id = new CertificateID(digests.get(hash), caHolder, java.math.BigInteger.ONE);
					computed.put(hash.getAlgorithm().getId() + ":" + HexFormat.of().formatHex(id.getIssuerNameHash())
							+ ":" + HexFormat.of().formatHex(id.getIssuerKeyHash()), responder);
				}
			}
			Map<String, Responder> result = Map.copyOf(computed);
			responders = result;
			respondersSource = source;
			cache.clear();
			return result;
		}
		catch (IOException | OCSPException | OperatorCreationException failure) {
			throw new IllegalStateException("Cannot prepare the OCSP responders", failure);
		}
	}

	private static int nonceLength(Extension nonce) {
		// The nonce's extnValue usually wraps an OCTET STRING (RFC 8954 §2.1); older clients put raw bytes.
		byte[] value = nonce.getExtnValue().getOctets();
		try {
			return ASN1OctetString.getInstance(value).getOctets().length;
		}
		catch (IllegalArgumentException raw) {
			return value.length;
		}
	}

	private static final class MalformedException extends RuntimeException {

		MalformedException() {
			super(null, null, false, false);
		}

	}

}
