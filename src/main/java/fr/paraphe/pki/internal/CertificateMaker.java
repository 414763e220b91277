package fr.paraphe.pki.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.KeyStoreContentSigner;
import fr.paraphe.pki.LegalPerson;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.pki.OneTimeSigner;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Builds and signs the certificates of each profile. Pure: no database, no Spring; the issuer's key signs
 * through the {@link KeyStore}, and every certificate is verified against the issuer's public key before it
 * is returned (a token that signs wrongly fails here, not at a relying party).
 */
public final class CertificateMaker {

	/** Where the CA publishes: the CRL distribution point and AIA URLs (RFC 5280 §4.2.1.13, §4.2.2.1). */
	public record Publication(String baseUrl, String policyOid) {

		String crlUrl(String authorityPublicName) {
			return baseUrl + "/pki/crl/" + authorityPublicName + ".crl";
		}

		String caIssuersUrl(String authorityPublicName) {
			return baseUrl + "/pki/ca/" + authorityPublicName + ".crt";
		}

		String ocspUrl() {
			return baseUrl + "/pki/ocsp";
		}

	}

	/** An issuer: its certificate, its key, and its name in publication URLs. */
	public record Issuer(X509Certificate certificate, KeyHandle key, String publicName) {
	}

	private final KeyStore keyStore;

	private final Publication publication;

	public CertificateMaker(KeyStore keyStore, Publication publication) {
		this.keyStore = keyStore;
		this.publication = publication;
	}

	/** "Paraphe Root CA": self-signed, keyCertSign + cRLSign, no path length limit. */
	public X509Certificate root(KeyHandle key, String commonName, String organization, String country,
			Instant notBefore, Period validity) {
		X500Name name = caName(commonName, organization, country);
		PublicKey publicKey = keyStore.publicKey(key);
		X509v3CertificateBuilder builder = builder(name, CertificateSerial.random(), notBefore, validity, name,
				publicKey, null);
		try {
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
		}
		catch (IOException | GeneralSecurityException failure) {
			throw new IllegalStateException(failure);
		}
		return sign(builder, key, publicKey);
	}

	/** An issuing CA under {@code root}: pathLenConstraint 0, so it issues only end-entity certificates. */
	public X509Certificate issuingCa(Issuer root, KeyHandle key, String commonName, String organization,
			String country, Instant notBefore, Period validity) {
		return issuingCa(root, key, commonName, organization, country, notBefore, validity, publication.policyOid());
	}

	/** An issuing CA under {@code root} whose certificates follow the policy {@code policyOid}. */
	public X509Certificate issuingCa(Issuer root, KeyHandle key, String commonName, String organization,
			String country, Instant notBefore, Period validity, String policyOid) {
		X509v3CertificateBuilder builder = issued(root, caName(commonName, organization, country), key, notBefore,
				validity);
		add(builder, Extension.basicConstraints, true, new BasicConstraints(0));
		add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		addPolicy(builder, policyOid);
		addRevocationPointers(builder, root.publicName());
		return sign(builder, root.key(), root.certificate().getPublicKey());
	}

	/**
	 * A delegated OCSP responder for {@code ca}: RFC 6960 §4.2.2.2 (issued directly by the CA, with
	 * id-kp-OCSPSigning) and §4.2.2.2.1 (id-pkix-ocsp-nocheck: clients do not check its own status).
	 */
	public X509Certificate ocspResponder(Issuer ca, KeyHandle key, String commonName, String organization,
			String country, Instant notBefore, Period validity) {
		X509v3CertificateBuilder builder = issued(ca, caName(commonName, organization, country), key, notBefore,
				validity);
		add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
		add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
		add(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
		add(builder, OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
		return sign(builder, ca.key(), ca.certificate().getPublicKey());
	}

	/** The TSA certificate: RFC 3161 §2.3, extendedKeyUsage critical with id-kp-timeStamping alone. */
	public X509Certificate timeStamping(Issuer ca, KeyHandle key, String commonName, String organization,
			String country, Instant notBefore, Period validity) {
		X509v3CertificateBuilder builder = issued(ca, caName(commonName, organization, country), key, notBefore,
				validity);
		add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
		add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
		add(builder, Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
		addPolicy(builder);
		addRevocationPointers(builder, ca.publicName());
		return sign(builder, ca.key(), ca.certificate().getPublicKey());
	}

	/**
	 * A natural person's signing certificate, ETSI EN 319 412-2: subject with countryName, givenName,
	 * surname, serialNumber and commonName (§4.2.4); keyUsage nonRepudiation + digitalSignature (§4.3.2).
	 */
	public X509Certificate naturalPerson(Issuer ca, KeyHandle key, NaturalPerson person, Instant notBefore,
			Period validity) {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, person.country())
			.addRDN(BCStyle.GIVENNAME, person.givenName())
			.addRDN(BCStyle.SURNAME, person.surname())
			.addRDN(BCStyle.SERIALNUMBER, person.serialNumber())
			.addRDN(BCStyle.CN, person.commonName())
			.build();
		return endEntity(ca, key, subject, notBefore, validity);
	}

	/**
	 * A legal person's seal certificate, ETSI EN 319 412-3 §4.2.1: countryName, organizationName,
	 * organizationIdentifier (NTRFR-SIREN) and commonName.
	 */
	public X509Certificate legalPerson(Issuer ca, KeyHandle key, LegalPerson organization, Instant notBefore,
			Period validity) {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, organization.country())
			.addRDN(BCStyle.O, organization.organizationName())
			.addRDN(BCStyle.ORGANIZATION_IDENTIFIER, organization.organizationIdentifier())
			.addRDN(BCStyle.CN, organization.organizationName())
			.build();
		return endEntity(ca, key, subject, notBefore, validity);
	}

	/**
	 * A one-time certificate ("certificat à usage unique"), ETSI EN 319 412-2 like {@link #naturalPerson}: subject
	 * countryName (the CA's country: the firm declared no other), givenName, surname, serialNumber (the caller's
	 * reference of the signer, which tells homonyms apart) and commonName; the verified e-mail address as an
	 * rfc822Name and the verified phone as an RFC 3966 {@code tel:} URI in subjectAltName (RFC 5280 §4.2.1.6 has
	 * no phone name form; a URI is the standard one a relying party can read); its own policy; a validity of
	 * {@code validity} only.
	 */
	public X509Certificate oneTimePerson(Issuer ca, KeyHandle key, OneTimeSigner signer, String country,
			Instant notBefore, Duration validity, String policyOid) {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, country)
			.addRDN(BCStyle.GIVENNAME, signer.givenName())
			.addRDN(BCStyle.SURNAME, signer.surname())
			.addRDN(BCStyle.SERIALNUMBER, signer.reference())
			.addRDN(BCStyle.CN, signer.commonName())
			.build();
		PublicKey publicKey = keyStore.publicKey(key);
		X500Name issuerName = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
		Instant start = notBefore.truncatedTo(ChronoUnit.SECONDS);
		Instant end = start.plus(validity);
		if (end.isAfter(ca.certificate().getNotAfter().toInstant())) {
			end = ca.certificate().getNotAfter().toInstant();
		}
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, CertificateSerial.random().value(),
				Date.from(start), Date.from(end), subject, publicKey);
		identifiers(builder, ca, publicKey);
		List<GeneralName> names = new ArrayList<>();
		if (signer.email() != null) {
			names.add(new GeneralName(GeneralName.rfc822Name, signer.email()));
		}
		if (signer.phone() != null) {
			names.add(new GeneralName(GeneralName.uniformResourceIdentifier, signer.telUri()));
		}
		add(builder, Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
		return endEntity(builder, ca, policyOid);
	}

	private X509Certificate endEntity(Issuer ca, KeyHandle key, X500Name subject, Instant notBefore,
			Period validity) {
		return endEntity(issued(ca, subject, key, notBefore, validity), ca, publication.policyOid());
	}

	private X509Certificate endEntity(X509v3CertificateBuilder builder, Issuer ca, String policyOid) {
		add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
		// ETSI EN 319 412-2 §4.3.2: content commitment (nonRepudiation), here with digitalSignature as well.
		add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
		addPolicy(builder, policyOid);
		addRevocationPointers(builder, ca.publicName());
		return sign(builder, ca.key(), ca.certificate().getPublicKey());
	}

	private X509v3CertificateBuilder issued(Issuer issuer, X500Name subject, KeyHandle key, Instant notBefore,
			Period validity) {
		PublicKey publicKey = keyStore.publicKey(key);
		X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
		X509v3CertificateBuilder builder = builder(issuerName, CertificateSerial.random(), notBefore, validity,
				subject, publicKey, issuer.certificate().getNotAfter().toInstant());
		identifiers(builder, issuer, publicKey);
		return builder;
	}

	private static void identifiers(X509v3CertificateBuilder builder, Issuer issuer, PublicKey publicKey) {
		try {
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					utils.createAuthorityKeyIdentifier(issuer.certificate().getPublicKey()));
		}
		catch (IOException | GeneralSecurityException failure) {
			throw new IllegalStateException(failure);
		}
	}

	private void addRevocationPointers(X509v3CertificateBuilder builder, String issuerPublicName) {
		if (builder.getExtension(Extension.cRLDistributionPoints) != null) {
			return;
		}
		DistributionPoint point = new DistributionPoint(
				new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
						publication.crlUrl(issuerPublicName)))),
				null, null);
		add(builder, Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] { point }));
		add(builder, Extension.authorityInfoAccess, false,
				new AuthorityInformationAccess(new AccessDescription[] {
						new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp,
								new GeneralName(GeneralName.uniformResourceIdentifier, publication.ocspUrl())),
						new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers, new GeneralName(
								GeneralName.uniformResourceIdentifier, publication.caIssuersUrl(issuerPublicName))) }));
	}

	private void addPolicy(X509v3CertificateBuilder builder) {
		addPolicy(builder, publication.policyOid());
	}

	private static void addPolicy(X509v3CertificateBuilder builder, String policyOid) {
		add(builder, Extension.certificatePolicies, false,
				new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(policyOid))));
	}

	/**
	 * @param latestEnd the issuer's own notAfter: no certificate outlives its issuer, since path validation
	 * would reject it past that date anyway (RFC 5280 §6.1.3 (a)(2) applies to every certificate of the path)
	 */
	private static X509v3CertificateBuilder builder(X500Name issuer, CertificateSerial serial, Instant notBefore,
			Period validity, X500Name subject, PublicKey publicKey, Instant latestEnd) {
		Instant start = notBefore.truncatedTo(ChronoUnit.SECONDS);
		Instant end = start.atOffset(ZoneOffset.UTC).plus(validity).toInstant();
		if (latestEnd != null && end.isAfter(latestEnd)) {
			end = latestEnd;
		}
		return new JcaX509v3CertificateBuilder(issuer, serial.value(), Date.from(start), Date.from(end), subject,
				publicKey);
	}

	private static void add(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
			org.bouncycastle.asn1.ASN1Encodable value) {
		try {
			builder.addExtension(oid, critical, value);
		}
		catch (IOException failure) {
			throw new IllegalStateException(failure);
		}
	}

	private static X500Name caName(String commonName, String organization, String country) {
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, country)
			.addRDN(BCStyle.O, organization)
			.addRDN(BCStyle.CN, commonName)
			.build();
	}

	/** The subject DN as text, in encoding order, with Bouncy Castle's attribute names. */
	public static String subjectText(X509Certificate certificate) {
		return X500Name.getInstance(BCStyle.INSTANCE, certificate.getSubjectX500Principal().getEncoded()).toString();
	}

	private X509Certificate sign(X509v3CertificateBuilder builder, KeyHandle issuerKey, PublicKey issuerPublicKey) {
		X509CertificateHolder holder = builder.build(new KeyStoreContentSigner(keyStore, issuerKey));
		try {
			X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
			// Bouncy Castle verifies P-256 several times as fast as SunEC.
			certificate.verify(issuerPublicKey, CryptoProviders.BC);
			return certificate;
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException("The key store produced a certificate that does not verify", failure);
		}
	}

}
