package fr.paraphe.pki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.internal.CrlPublisher;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParapheIntegrationTest
@RecordApplicationEvents
class CertificationAuthorityIntegrationTests {

	@Autowired
	CertificationAuthority ca;

	@Autowired
	CrlPublisher crls;

	@Autowired
	ApplicationEvents events;

	@Test
	void theHierarchyExistsFromTheFirstStart() throws Exception {
		List<IssuedCertificate> hierarchy = ca.hierarchy();
		assertThat(hierarchy).extracting(certificate -> commonName(certificate.certificate()))
			.containsExactly("Paraphe Root CA", "Paraphe Personnes", "Paraphe Cachets", "Paraphe Personnes OCSP",
					"Paraphe Cachets OCSP", "Paraphe Horodatage", "Paraphe Usage Unique", "Paraphe Usage Unique OCSP");
		X509Certificate root = hierarchy.get(0).certificate();
		X509Certificate personnes = hierarchy.get(1).certificate();
		root.verify(root.getPublicKey());
		personnes.verify(root.getPublicKey());
		assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
		assertThat(personnes.getBasicConstraints()).isZero();
		assertThat(personnes.getKeyUsage()[5]).as("keyCertSign").isTrue();
		X509Certificate usageUnique = hierarchy.get(6).certificate();
		usageUnique.verify(root.getPublicKey());
		assertThat(usageUnique.getBasicConstraints()).isZero();

		X509Certificate ocsp = hierarchy.get(3).certificate();
		ocsp.verify(personnes.getPublicKey());
		assertThat(ocsp.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_OCSPSigning.getId());
		assertThat(ocsp.getExtensionValue("1.3.6.1.5.5.7.48.1.5")).as("id-pkix-ocsp-nocheck").isNotNull();

		X509Certificate tsa = hierarchy.get(5).certificate();
		tsa.verify(root.getPublicKey());
		assertThat(tsa.getCriticalExtensionOIDs()).contains(Extension.extendedKeyUsage.getId());
		assertThat(tsa.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_timeStamping.getId());
		assertThat(ca.timeStampingUnit().chain()).containsExactly(tsa, root);
	}

	@Test
	void issuesANaturalPersonsCertificateAfterEtsiEn319412Part2() throws Exception {
		UserId claire = UserId.random();
		IssuedCertificate issued = ca.issue(new NaturalPerson(claire, "Claire", "Martin", "IDCFR-0123456789", "FR"));
		X509Certificate certificate = issued.certificate();
		certificate.verify(ca.hierarchy().get(1).certificate().getPublicKey());

		X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
		assertThat(value(subject, BCStyle.C)).isEqualTo("FR");
		assertThat(value(subject, BCStyle.GIVENNAME)).isEqualTo("Claire");
		assertThat(value(subject, BCStyle.SURNAME)).isEqualTo("Martin");
		assertThat(value(subject, BCStyle.SERIALNUMBER)).isEqualTo("IDCFR-0123456789");
		assertThat(value(subject, BCStyle.CN)).isEqualTo("Claire Martin");
		assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.hierarchy().get(1).certificate().getSubjectX500Principal());

		boolean[] keyUsage = certificate.getKeyUsage();
		assertThat(keyUsage[0]).as("digitalSignature").isTrue();
		assertThat(keyUsage[1]).as("nonRepudiation").isTrue();
		assertThat(keyUsage[5]).as("keyCertSign").isFalse();
		assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);

		// Three years (paraphe.pki.person-validity), 16 random bytes of serial.
		assertThat(certificate.getNotAfter().toInstant())
			.isEqualTo(certificate.getNotBefore().toInstant().atOffset(ZoneOffset.UTC).plusYears(3).toInstant());
		assertThat(certificate.getSerialNumber().bitLength()).isBetween(100, 128);

		X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
		CertificatePolicies policies = CertificatePolicies.fromExtensions(holder.getExtensions());
		assertThat(policies.getPolicyInformation()[0].getPolicyIdentifier().getId()).isEqualTo("2.999.1.1");
		String extensions = new String(certificate.getEncoded(), java.nio.charset.StandardCharsets.ISO_8859_1);
		assertThat(extensions).contains("http://localhost:8080/pki/crl/personnes.crl")
			.contains("http://localhost:8080/pki/ocsp")
			.contains("http://localhost:8080/pki/ca/personnes.crt");

		assertThat(ca.certificatesOf(claire)).extracting(IssuedCertificate::serial).containsExactly(issued.serial());
		assertThat(issued.status(Instant.now())).isEqualTo(IssuedCertificate.Status.VALID);
		assertThat(events.stream(CertificateIssued.class)).anyMatch(event -> event.serial().equals(issued.serial()));
	}

	@Test
	void issuesALegalPersonsSealCertificateAfterEtsiEn319412Part3() throws Exception {
		Siren siren = new Siren("732829320");
		IssuedCertificate issued = ca.issue(new LegalPerson(siren, "Cabinet Démo"));
		X509Certificate certificate = issued.certificate();
		certificate.verify(ca.hierarchy().get(2).certificate().getPublicKey());
		X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
		assertThat(value(subject, BCStyle.C)).isEqualTo("FR");
		assertThat(value(subject, BCStyle.O)).isEqualTo("Cabinet Démo");
		assertThat(value(subject, BCStyle.ORGANIZATION_IDENTIFIER)).isEqualTo("NTRFR-732829320");
		assertThat(value(subject, BCStyle.CN)).isEqualTo("Cabinet Démo");
		assertThat(ca.certificatesOf(siren)).extracting(IssuedCertificate::serial).contains(issued.serial());
		assertThat(issued.issuer()).isEqualTo(Authority.CACHETS);
	}

	@Test
	void revocationIsFinalAndPublishedInANewCrl() throws Exception {
		IssuedCertificate issued = ca.issue(new NaturalPerson(UserId.random(), "Jean", "Dupont", "PASFR-99X1", "FR"));
		long before = crlNumber(crl(Authority.PERSONNES));

		IssuedCertificate revoked = ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE);

		assertThat(revoked.isRevoked()).isTrue();
		assertThat(revoked.reason()).contains(RevocationReason.KEY_COMPROMISE);
		X509CRL crl = crl(Authority.PERSONNES);
		crl.verify(ca.hierarchy().get(1).certificate().getPublicKey());
		assertThat(crlNumber(crl)).isGreaterThan(before);
		X509CRLEntry entry = crl.getRevokedCertificate(issued.serial().value());
		assertThat(entry).isNotNull();
		assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
		assertThat(crl.getNextUpdate()).isAfter(crl.getThisUpdate());
		assertThat(events.stream(CertificateRevoked.class)).anyMatch(event -> event.serial().equals(issued.serial()));

		assertThatThrownBy(() -> ca.revoke(issued.serial(), RevocationReason.SUPERSEDED))
			.isInstanceOf(CertificationAuthority.AlreadyRevokedException.class);
		assertThatThrownBy(() -> ca.revoke(CertificateSerial.random(), RevocationReason.UNSPECIFIED))
			.isInstanceOf(CertificationAuthority.CertificateNotFoundException.class);
		// The CA's own certificates are not revocable through this API.
		assertThatThrownBy(() -> ca.revoke(ca.hierarchy().get(1).serial(), RevocationReason.UNSPECIFIED))
			.isInstanceOf(CertificationAuthority.CertificateNotFoundException.class);
	}

	@Test
	void searchFindsBySubjectAndSerial() {
		IssuedCertificate issued = ca.issue(new NaturalPerson(UserId.random(), "Héloïse", "Recherche", "IDCFR-42", "FR"));
		assertThat(ca.search("recherche", 10)).extracting(IssuedCertificate::serial).contains(issued.serial());
		assertThat(ca.search(issued.serial().hex(), 10)).extracting(IssuedCertificate::serial)
			.containsExactly(issued.serial());
		assertThat(ca.search("100%_nobody", 10)).isEmpty();
		assertThat(ca.find(issued.serial())).isPresent();
	}

	private X509CRL crl(Authority authority) throws Exception {
		return (X509CRL) CertificateFactory.getInstance("X.509")
			.generateCRL(new ByteArrayInputStream(crls.latest(authority).orElseThrow().der()));
	}

	private static long crlNumber(X509CRL crl) throws Exception {
		byte[] extension = crl.getExtensionValue(Extension.cRLNumber.getId());
		BigInteger number = ASN1Integer.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getValue();
		return number.longValueExact();
	}

	private static String value(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
		RDN[] rdns = name.getRDNs(type);
		assertThat(rdns).as("attribute %s", type).hasSize(1);
		return IETFUtils.valueToString(rdns[0].getFirst().getValue());
	}

	private static String commonName(X509Certificate certificate) {
		return value(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), BCStyle.CN);
	}

}
