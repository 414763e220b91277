package fr.paraphe.pades.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;

import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.KeyStoreContentSigner;
import fr.paraphe.pades.SigningKey;
import fr.paraphe.pades.TspSource;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cms.DefaultCMSSignatureEncryptionAlgorithmFinder;

/**
 * The CMS SignedData of a PAdES signature (ETSI EN 319 142-1 §5.3 and §6.3): detached content, SHA-256,
 * signing-certificate-v2, no signing-time attribute (the claimed time is the dictionary's /M, else DSS sees
 * PAdES-BES), the signer's chain, and for B-T a signature-time-stamp over the signature value.
 */
final class CmsSignatures {

	private final KeyStore keyStore;

	private final TspSource tsa;

	private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

	private static final DefaultCMSSignatureEncryptionAlgorithmFinder ENCRYPTION_ALGORITHMS = new DefaultCMSSignatureEncryptionAlgorithmFinder();

	private final Map<X509Certificate, Signer> signers = new java.util.concurrent.ConcurrentHashMap<>();

	CmsSignatures(KeyStore keyStore, TspSource tsa) {
		this.keyStore = keyStore;
		this.tsa = tsa;
	}

	/**
	 * The DER CMS over {@code content} (the byte ranges, read once through the JDK's SHA-256), assembled here from
	 * its ASN.1 parts: the same structure Bouncy Castle's CMSSignedDataGenerator makes (contentType, messageDigest,
	 * CMSAlgorithmProtection (RFC 6211), signing-certificate-v2; issuerAndSerialNumber; the chain), without its
	 * per-signature overheads (a signing-time attribute built then removed, certificates parsed again, the CMS
	 * parsed again to add the time-stamp). What depends only on the certificate is computed once per certificate.
	 */
	byte[] sign(InputStream content, SigningKey key, boolean timestamped,
			java.util.concurrent.atomic.AtomicInteger timestampLength) throws IOException {
		Signer signer = signers.computeIfAbsent(key.certificate(), certificate -> new Signer(key));
		if (signers.size() > 1_000) {
			signers.clear();
		}
		KeyStoreContentSigner contentSigner = new KeyStoreContentSigner(keyStore, key.key(), DigestAlgorithm.SHA256);
		AlgorithmIdentifier signatureAlgorithm = ENCRYPTION_ALGORITHMS
			.findEncryptionAlgorithm(contentSigner.getAlgorithmIdentifier());
		ASN1EncodableVector attributes = new ASN1EncodableVector(4);
		attributes.add(new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)));
		attributes.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(digest(content)))));
		attributes.add(new Attribute(CMSAttributes.cmsAlgorithmProtect, new DERSet(
				new CMSAlgorithmProtection(SHA256, CMSAlgorithmProtection.SIGNATURE, signatureAlgorithm))));
		attributes.add(signer.signingCertificate);
		DERSet signedAttributes = new DERSet(attributes);
		try (OutputStream out = contentSigner.getOutputStream()) {
			out.write(signedAttributes.getEncoded(ASN1Encoding.DER));
		}
		byte[] signature = contentSigner.getSignature();
		ASN1Set unsignedAttributes = null;
		if (timestamped) {
			// ETSI EN 319 122-1 §5.3: the signature-time-stamp covers the signature value.
			byte[] token = tsa.timeStamp(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(signature));
			timestampLength.set(token.length);
			unsignedAttributes = new DERSet(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
					new DERSet(ASN1Primitive.fromByteArray(token))));
		}
		SignerInfo signerInfo = new SignerInfo(signer.id, SHA256, signedAttributes, signatureAlgorithm,
				new DEROctetString(signature), unsignedAttributes);
		SignedData signedData = new SignedData(new DERSet(SHA256), new ContentInfo(CMSObjectIdentifiers.data, null),
				signer.certificates, null, new DERSet(signerInfo));
		return new ContentInfo(CMSObjectIdentifiers.signedData, signedData).getEncoded(ASN1Encoding.DER);
	}

	/** What a signer's CMS takes from its certificate and chain. */
	private static final class Signer {

		final SignerIdentifier id;

		final Attribute signingCertificate;

		final ASN1Set certificates;

		Signer(SigningKey key) {
			try {
				X509Certificate certificate = key.certificate();
				Certificate parsed = Certificate.getInstance(certificate.getEncoded());
				id = new SignerIdentifier(new IssuerAndSerialNumber(parsed));
				ESSCertIDv2 certId = new ESSCertIDv2(SHA256,
						MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()),
						new IssuerSerial(new GeneralNames(new GeneralName(parsed.getIssuer())), certificate.getSerialNumber()));
				signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
						new DERSet(new SigningCertificateV2(new ESSCertIDv2[] { certId })));
				ASN1EncodableVector chain = new ASN1EncodableVector();
				for (X509Certificate member : key.chain()) {
					chain.add(Certificate.getInstance(member.getEncoded()));
				}
				certificates = new DERSet(chain);
			}
			catch (CertificateEncodingException | java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Cannot read the signer's certificate", ex);
			}
		}

	}

	/** SHA-256 of the whole stream. */
	static byte[] digest(InputStream content) throws IOException {
		MessageDigest digest = DigestAlgorithm.SHA256.newMessageDigest();
		byte[] buffer = new byte[65_536];
		for (int read; (read = content.readNBytes(buffer, 0, buffer.length)) > 0;) {
			digest.update(buffer, 0, read);
		}
		return digest.digest();
	}

}
