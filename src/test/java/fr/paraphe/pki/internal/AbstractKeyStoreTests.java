package fr.paraphe.pki.internal;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Set;

import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.LegalPerson;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link KeyStore}, run against each implementation (software, PKCS#11 on SoftHSM2): the
 * same key generation, signing and issuance tests.
 */
abstract class AbstractKeyStoreTests {

	protected abstract KeyStore store();

	/** A database with the PKI's tables, for the whole CA on this store. */
	protected abstract TestDatabase database();

	private static final byte[] DATA = "Lettre de mission 2026 — Cabinet Démo".getBytes(StandardCharsets.UTF_8);

	@ParameterizedTest
	@EnumSource(KeyAlgorithm.class)
	void signaturesOfEachAlgorithmVerifyWithTheJdk(KeyAlgorithm algorithm) throws Exception {
		KeyHandle key = store().generate(algorithm);
		PublicKey publicKey = store().publicKey(key);
		assertThat(publicKey.getAlgorithm()).isEqualTo(algorithm.family());
		for (DigestAlgorithm digestAlgorithm : DigestAlgorithm.values()) {
			byte[] signature = store().sign(key, digestAlgorithm, digestAlgorithm.newMessageDigest().digest(DATA));
			Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm(digestAlgorithm));
			verifier.initVerify(publicKey);
			verifier.update(DATA);
			assertThat(verifier.verify(signature)).as("%s with %s", algorithm, digestAlgorithm).isTrue();

			Signature tampered = Signature.getInstance(algorithm.signatureAlgorithm(digestAlgorithm));
			tampered.initVerify(publicKey);
			tampered.update("Autre document".getBytes(StandardCharsets.UTF_8));
			assertThat(tampered.verify(signature)).isFalse();
		}
		store().destroy(key);
	}

	@Test
	void eachKeyIsItsOwn() throws Exception {
		KeyHandle first = store().generate(KeyAlgorithm.EC_P256);
		KeyHandle second = store().generate(KeyAlgorithm.EC_P256);
		assertThat(store().publicKey(first)).isNotEqualTo(store().publicKey(second));
		byte[] digest = DigestAlgorithm.SHA256.newMessageDigest().digest(DATA);
		Signature verifier = Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(store().publicKey(second));
		verifier.update(DATA);
		assertThat(verifier.verify(store().sign(first, DigestAlgorithm.SHA256, digest))).isFalse();
	}

	@Test
	void refusesADigestOfTheWrongLength() {
		KeyHandle key = store().generate(KeyAlgorithm.EC_P256);
		assertThatThrownBy(() -> store().sign(key, DigestAlgorithm.SHA256, new byte[20]))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store().sign(key, DigestAlgorithm.SHA384, new byte[32]))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aDestroyedKeyNoLongerSigns() {
		KeyHandle key = store().generate(KeyAlgorithm.EC_P256);
		byte[] digest = DigestAlgorithm.SHA256.newMessageDigest().digest(DATA);
		store().sign(key, DigestAlgorithm.SHA256, digest);
		store().destroy(key);
		assertThatThrownBy(() -> store().sign(key, DigestAlgorithm.SHA256, digest))
			.isInstanceOf(KeyStore.UnknownKeyException.class);
		assertThatThrownBy(() -> store().publicKey(key)).isInstanceOf(KeyStore.UnknownKeyException.class);
		store().destroy(key);
	}

	@Test
	void anUnknownHandleIsRefused() {
		KeyHandle unknown = new KeyHandle(java.util.UUID.randomUUID(), KeyAlgorithm.EC_P256);
		assertThatThrownBy(() -> store().publicKey(unknown)).isInstanceOf(KeyStore.UnknownKeyException.class);
		assertThatThrownBy(() -> store().sign(unknown, DigestAlgorithm.SHA256, new byte[32]))
			.isInstanceOf(KeyStore.UnknownKeyException.class);
	}

	/** A whole hierarchy signed by this store, person and seal certificates validated by the JDK's PKIX. */
	@Test
	void issuesAHierarchyThatValidates() throws Exception {
		CertificateMaker maker = new CertificateMaker(store(),
				new CertificateMaker.Publication("http://pki.example", "2.999.1.1"));
		Instant now = Instant.now().minusSeconds(60);
		KeyHandle rootKey = store().generate(KeyAlgorithm.EC_P256);
		X509Certificate root = maker.root(rootKey, "Test Root", "Paraphe", "FR", now, Period.ofYears(10));
		KeyHandle caKey = store().generate(KeyAlgorithm.RSA_3072);
		X509Certificate ca = maker.issuingCa(new CertificateMaker.Issuer(root, rootKey, "root"), caKey,
				"Test Personnes", "Paraphe", "FR", now, Period.ofYears(5));
		CertificateMaker.Issuer issuer = new CertificateMaker.Issuer(ca, caKey, "personnes");
		KeyHandle personKey = store().generate(KeyAlgorithm.EC_P256);
		X509Certificate person = maker.naturalPerson(issuer, personKey,
				new NaturalPerson(UserId.random(), "Claire", "Martin", "IDCFR-123456", "FR"), now,
				Period.ofYears(3));
		KeyHandle sealKey = store().generate(KeyAlgorithm.EC_P256);
		X509Certificate seal = maker.legalPerson(issuer, sealKey, new LegalPerson(new Siren("732829320"), "Cabinet Démo"),
				now, Period.ofYears(3));

		for (X509Certificate leaf : List.of(person, seal)) {
			PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
			parameters.setRevocationEnabled(false);
			CertPathValidator.getInstance("PKIX")
				.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, ca)), parameters);
		}
		assertThat(person.getPublicKey()).isEqualTo(store().publicKey(personKey));
		assertThat(person.getSubjectX500Principal().getName()).contains("CN=Claire Martin");
	}

	/** The whole CA on this store: bootstrap, issuance, revocation, CRL and OCSP. */
	@Test
	void theCertificationAuthorityRunsOnThisStore() throws Exception {
		TestDatabase database = database();
		java.time.Clock clock = java.time.Clock.systemUTC();
		Certificates certificates = new Certificates(database.jdbc());
		PkiProperties properties = HierarchyTests.properties();
		CertificateMaker maker = new CertificateMaker(store(),
				new CertificateMaker.Publication(properties.baseUrl(), properties.policyOid()));
		Hierarchy hierarchy = new Hierarchy(certificates, store(), maker, properties, database.transactions(), clock);
		CrlPublisher crls = new CrlPublisher(certificates, hierarchy, store(), properties, database.transactions(), clock);
		List<Object> events = new java.util.ArrayList<>();
		KeyPool pool = new KeyPool(database.jdbc(), store(), Set.of(KeyAlgorithm.EC_P256), 2, clock);
		pool.fill();
		assertThat(pool.size(KeyAlgorithm.EC_P256)).isEqualTo(2);
		CertificationAuthorityService ca = new CertificationAuthorityService(hierarchy, crls, certificates, store(), pool,
				maker, properties, database.transactions(), events::add, clock);
		ca.afterSingletonsInstantiated();
		ca.afterSingletonsInstantiated();

		fr.paraphe.pki.IssuedCertificate issued = ca
			.issue(new NaturalPerson(UserId.random(), "Claire", "Martin", "IDCFR-77", "FR"));
		assertThat(pool.size(KeyAlgorithm.EC_P256)).as("the key came from the pool").isEqualTo(1);
		issued.certificate().verify(ca.authority(fr.paraphe.pki.Authority.PERSONNES).certificate().getPublicKey());
		byte[] digest = DigestAlgorithm.SHA256.newMessageDigest().digest(DATA);
		Signature verifier = Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(issued.certificate().getPublicKey());
		verifier.update(DATA);
		assertThat(verifier.verify(store().sign(issued.key(), DigestAlgorithm.SHA256, digest))).isTrue();

		OcspResponder ocsp = new OcspResponder(hierarchy, certificates, store(), java.time.Duration.ofHours(1), clock);
		assertThat(ocspStatus(ocsp, ca, issued)).isNull();
		ca.revoke(issued.serial(), fr.paraphe.pki.RevocationReason.KEY_COMPROMISE);
		assertThat(ocspStatus(ocsp, ca, issued)).isInstanceOf(org.bouncycastle.cert.ocsp.RevokedStatus.class);
		java.security.cert.X509CRL crl = (java.security.cert.X509CRL) CertificateFactory.getInstance("X.509")
			.generateCRL(new java.io.ByteArrayInputStream(
					crls.latest(fr.paraphe.pki.Authority.PERSONNES).orElseThrow().der()));
		crl.verify(ca.authority(fr.paraphe.pki.Authority.PERSONNES).certificate().getPublicKey());
		assertThat(crl.isRevoked(issued.certificate())).isTrue();
		assertThat(events).hasSize(2);
	}

	private static Object ocspStatus(OcspResponder ocsp, CertificationAuthorityService ca,
			fr.paraphe.pki.IssuedCertificate certificate) throws Exception {
		org.bouncycastle.cert.ocsp.OCSPReq request = new org.bouncycastle.cert.ocsp.OCSPReqBuilder()
			.addRequest(new org.bouncycastle.cert.ocsp.CertificateID(
					new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build()
						.get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1),
					new org.bouncycastle.cert.X509CertificateHolder(ca.authority(certificate.issuer()).encoded()),
					certificate.serial().value()))
			.build();
		org.bouncycastle.cert.ocsp.OCSPResp response = new org.bouncycastle.cert.ocsp.OCSPResp(
				ocsp.respond(request.getEncoded()).der());
		assertThat(response.getStatus()).isZero();
		org.bouncycastle.cert.ocsp.BasicOCSPResp basic = (org.bouncycastle.cert.ocsp.BasicOCSPResp) response
			.getResponseObject();
		assertThat(basic.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
			.build(basic.getCerts()[0]))).isTrue();
		return basic.getResponses()[0].getCertStatus();
	}

}
