package fr.paraphe.signing.internal;

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
import fr.paraphe.signing.SigningKey;
import fr.paraphe.timestamp.TimeStampAuthority;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The CMS SignedData of a PAdES signature (ETSI EN 319 142-1 §5.3 and §6.3): detached content, SHA-256,
 * signing-certificate-v2, no signing-time attribute (the claimed time is the dictionary's /M, else DSS sees
 * PAdES-BES), the signer's chain, and for B-T a signature-time-stamp over the signature value.
 */
final class CmsSignatures {

	private final KeyStore keyStore;

	private final TimeStampAuthority tsa;

	private final DigestCalculatorProvider digests;

	CmsSignatures(KeyStore keyStore, TimeStampAuthority tsa) {
		this.keyStore = keyStore;
		this.tsa = tsa;
		try {
			// The JDK's SHA-256 (CPU intrinsics) is about ten times as fast as Bouncy Castle's here.
			this.digests = new JcaDigestCalculatorProviderBuilder().setProvider("SUN").build();
		}
		catch (OperatorCreationException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** The DER CMS over {@code content} (the byte ranges), streamed. */
	byte[] sign(InputStream content, SigningKey key, boolean timestamped,
			java.util.concurrent.atomic.AtomicInteger timestampLength) throws IOException {
		try {
			X509Certificate certificate = key.certificate();
			ESSCertIDv2 certId = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
					MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()),
					new IssuerSerial(new GeneralNames(new GeneralName(
							X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))),
							certificate.getSerialNumber()));
			AttributeTable extra = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
					new DERSet(new SigningCertificateV2(new ESSCertIDv2[] { certId }))));
			// The byte ranges are read once, here, through the JDK's SHA-256; the generator gets no content and the
			// messageDigest attribute is ours.
			byte[] messageDigest = digest(content);
			DefaultSignedAttributeTableGenerator signedAttributes = new DefaultSignedAttributeTableGenerator(extra) {
				@Override
				@SuppressWarnings("rawtypes")
				public AttributeTable getAttributes(Map parameters) {
					return super.getAttributes(parameters)
						.remove(CMSAttributes.signingTime)
						.remove(CMSAttributes.messageDigest)
						.add(CMSAttributes.messageDigest, new org.bouncycastle.asn1.DEROctetString(messageDigest));
				}
			};
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests)
				.setSignedAttributeGenerator(signedAttributes)
				.build(new KeyStoreContentSigner(keyStore, key.key(), DigestAlgorithm.SHA256), certificate));
			generator.addCertificates(new JcaCertStore(key.chain()));
			CMSSignedData signed = generator.generate(new org.bouncycastle.cms.CMSAbsentContent(), false);
			if (timestamped) {
				signed = withSignatureTimestamp(signed, timestampLength);
			}
			return signed.getEncoded("DER");
		}
		catch (CertificateEncodingException | OperatorCreationException | CMSException
				| java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Cannot build the CMS signature", ex);
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

	/** ETSI EN 319 122-1 §5.3: the signature-time-stamp covers the signature value. */
	private CMSSignedData withSignatureTimestamp(CMSSignedData signed,
			java.util.concurrent.atomic.AtomicInteger timestampLength) throws IOException {
		SignerInformation information = signed.getSignerInfos().getSigners().iterator().next();
		byte[] imprint = DigestAlgorithm.SHA256.newMessageDigest().digest(information.getSignature());
		byte[] token = tsa.timeStamp(DigestAlgorithm.SHA256, imprint);
		timestampLength.set(token.length);
		AttributeTable unsigned = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
				new DERSet(ASN1Primitive.fromByteArray(token))));
		information = SignerInformation.replaceUnsignedAttributes(information, unsigned);
		return CMSSignedData.replaceSigners(signed, new SignerInformationStore(information));
	}

}
