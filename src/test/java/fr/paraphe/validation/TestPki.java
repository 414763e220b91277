package fr.paraphe.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for tests: a root CA and end-entity signing certificates, ECDSA P-256 (fast), and a CRL
 * of the root so that a B-B signature carrying it has revocation data. Stands in for the platform's own CA,
 * which another module builds.
 */
public final class TestPki {

	private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffL);

	private final KeyPair rootKeys;

	private final X509Certificate root;

	private final String rootName;

	private String ocspUrl;

	private String crlUrl;

	/**
	 * A root whose certificates name an OCSP responder and a CRL distribution point (either may be null), as a
	 * foreign CA's would.
	 */
	public TestPki(String rootName, String ocspUrl, String crlUrl) {
		this(rootName);
		this.ocspUrl = ocspUrl;
		this.crlUrl = crlUrl;
	}

	public TestPki(String rootName) {
		this.rootName = rootName;
		this.rootKeys = ecKeyPair();
		try {
			X500Name subject = new X500Name("CN=" + rootName + ",O=Paraphe Test,C=FR");
			Instant now = Instant.now();
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
					Date.from(now.minus(Duration.ofDays(30))), Date.from(now.plus(Duration.ofDays(3650))), subject,
					rootKeys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(rootKeys.getPublic()));
			this.root = new JcaX509CertificateConverter().getCertificate(builder.build(signer(rootKeys.getPrivate())));
		}
		catch (GeneralSecurityException | IOException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private TestPki(KeyPair rootKeys, X509Certificate root) {
		this.rootKeys = rootKeys;
		this.root = root;
		this.rootName = root.getSubjectX500Principal().getName();
	}

	private static TestPki shared;

	/**
	 * The test root committed in src/test/resources/validation (test-root.p12, password "test"), which
	 * application-test.properties trusts through paraphe.validation.trusted-certificates.
	 */
	public static synchronized TestPki shared() {
		if (shared == null) {
			try (java.io.InputStream in = TestPki.class.getResourceAsStream("/validation/test-root.p12")) {
				java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
				store.load(in, "test".toCharArray());
				X509Certificate certificate = (X509Certificate) store.getCertificate("root");
				PrivateKey key = (PrivateKey) store.getKey("root", "test".toCharArray());
				shared = new TestPki(new KeyPair(certificate.getPublicKey(), key), certificate);
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return shared;
	}

	public X509Certificate root() {
		return root;
	}

	public String rootName() {
		return rootName;
	}

	/** A person's signing certificate issued by the root, valid from a month ago for a year. */
	public Credentials issue(String commonName, String organisation) {
		return issue(commonName, organisation, Instant.now().minus(Duration.ofDays(30)),
				Instant.now().plus(Duration.ofDays(365)));
	}

	public Credentials issue(String commonName, String organisation, Instant notBefore, Instant notAfter) {
		KeyPair keys = ecKeyPair();
		if (notBefore.isBefore(root.getNotBefore().toInstant())) {
			notBefore = root.getNotBefore().toInstant();
		}
		try {
			X500Name subject = new X500Name("CN=" + commonName + ",O=" + organisation + ",C=FR");
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root, serial(), Date.from(notBefore),
					Date.from(notAfter), subject, keys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(root));
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(keys.getPublic()));
			addRevocationPointers(builder);
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(signer(rootKeys.getPrivate())));
			return new Credentials(keys.getPrivate(), certificate, root);
		}
		catch (GeneralSecurityException | IOException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A time-stamping unit's certificate (RFC 3161 §2.3: critical extended key usage id-kp-timeStamping). */
	public Credentials issueTimestampingUnit(String commonName) {
		KeyPair keys = ecKeyPair();
		try {
			X500Name subject = new X500Name("CN=" + commonName + ",O=Paraphe Test,C=FR");
			Instant notBefore = Instant.now().minus(Duration.ofDays(30));
			if (notBefore.isBefore(root.getNotBefore().toInstant())) {
				notBefore = root.getNotBefore().toInstant();
			}
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root, serial(), Date.from(notBefore),
					Date.from(Instant.now().plus(Duration.ofDays(365))), subject, keys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			builder.addExtension(Extension.extendedKeyUsage, true,
					new org.bouncycastle.asn1.x509.ExtendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_timeStamping));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(root));
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(keys.getPublic()));
			addRevocationPointers(builder);
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(signer(rootKeys.getPrivate())));
			return new Credentials(keys.getPrivate(), certificate, root);
		}
		catch (GeneralSecurityException | IOException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The root’s CRL, issued just now, next update in a week, revoking the given certificates. */
	public X509CRL crl(X509Certificate... revoked) {
		try {
			Instant now = Instant.now();
			X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(root, Date.from(now.minus(Duration.ofSeconds(5))));
			builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
			for (X509Certificate certificate : revoked) {
				builder.addCRLEntry(certificate.getSerialNumber(), Date.from(now.minus(Duration.ofDays(1))),
						CRLReason.keyCompromise);
			}
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root));
			builder.addExtension(Extension.cRLNumber, false,
					new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(SERIALS.incrementAndGet())));
			return new JcaX509CRLConverter().getCRL(builder.build(signer(rootKeys.getPrivate())));
		}
		catch (GeneralSecurityException | IOException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Writes the root as PEM into {@code folder}, as an operator would for paraphe.validation.trusted-certificates. */
	public Path writeRootPem(Path folder) {
		try {
			Files.createDirectories(folder);
			Path file = folder.resolve("root.pem");
			String pem = "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(root.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
			Files.writeString(file, pem, StandardCharsets.US_ASCII);
			return file;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw ex instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(ex);
		}
	}

	private void addRevocationPointers(X509v3CertificateBuilder builder) throws IOException {
		if (ocspUrl != null) {
			builder.addExtension(Extension.authorityInfoAccess, false,
					new org.bouncycastle.asn1.x509.AuthorityInformationAccess(
							org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp,
							new org.bouncycastle.asn1.x509.GeneralName(
									org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier, ocspUrl)));
		}
		if (crlUrl != null) {
			org.bouncycastle.asn1.x509.GeneralNames names = new org.bouncycastle.asn1.x509.GeneralNames(
					new org.bouncycastle.asn1.x509.GeneralName(
							org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier, crlUrl));
			builder.addExtension(Extension.cRLDistributionPoints, false,
					new org.bouncycastle.asn1.x509.CRLDistPoint(new org.bouncycastle.asn1.x509.DistributionPoint[] {
							new org.bouncycastle.asn1.x509.DistributionPoint(
									new org.bouncycastle.asn1.x509.DistributionPointName(names), null, null) }));
		}
	}

	/**
	 * The root's OCSP answer (RFC 6960, signed by the root itself) to a DER request: revoked (key compromise) at the
	 * time {@code revoked} gives for a serial, good otherwise; next update in an hour.
	 */
	public byte[] ocspResponse(byte[] request, java.util.function.Function<BigInteger, Instant> revoked) {
		try {
			org.bouncycastle.cert.ocsp.OCSPReq parsed = new org.bouncycastle.cert.ocsp.OCSPReq(request);
			org.bouncycastle.operator.DigestCalculator sha1 = new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder()
				.build()
				.get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1);
			org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder builder = new org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder(
					new org.bouncycastle.cert.ocsp.RespID(
							org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(root.getPublicKey().getEncoded()), sha1));
			Date now = new Date();
			Date next = new Date(now.getTime() + 3_600_000);
			for (org.bouncycastle.cert.ocsp.Req one : parsed.getRequestList()) {
				Instant at = revoked.apply(one.getCertID().getSerialNumber());
				org.bouncycastle.cert.ocsp.CertificateStatus status = at == null
						? org.bouncycastle.cert.ocsp.CertificateStatus.GOOD
						: new org.bouncycastle.cert.ocsp.RevokedStatus(Date.from(at), CRLReason.keyCompromise);
				builder.addResponse(one.getCertID(), status, now, next);
			}
			org.bouncycastle.cert.ocsp.BasicOCSPResp basic = builder.build(signer(rootKeys.getPrivate()),
					new org.bouncycastle.cert.X509CertificateHolder[0], now);
			return new org.bouncycastle.cert.ocsp.OCSPRespBuilder()
				.build(org.bouncycastle.cert.ocsp.OCSPRespBuilder.SUCCESSFUL, basic)
				.getEncoded();
		}
		catch (IOException | org.bouncycastle.cert.ocsp.OCSPException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static BigInteger serial() {
		return BigInteger.valueOf(SERIALS.incrementAndGet());
	}

	private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
		return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
	}

	static KeyPair ecKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A signer's private key, certificate and issuer. */
	public record Credentials(PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer) {
	}

}
