package fr.paraphe.validation.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import fr.paraphe.validation.ReportSeal;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Seals PDF reports with a key from a PKCS#12 file: PAdES-BASELINE-B (ETSI EN 319 142-1), SubFilter
 * ETSI.CAdES.detached, a signing-certificate-v2 attribute and no signing-time attribute (the time is in /M).
 */
public final class KeyStoreReportSeal implements ReportSeal {

	private final PrivateKey key;

	private final List<X509Certificate> chain;

	public KeyStoreReportSeal(ValidationProperties.ReportSealKey properties) {
		char[] password = properties.password() == null ? new char[0] : properties.password().toCharArray();
		try (InputStream in = Files.newInputStream(Path.of(properties.keyStore()))) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, password);
			String alias = properties.alias();
			if (alias == null || alias.isBlank()) {
				alias = Collections.list(store.aliases())
					.stream()
					.filter(name -> isKey(store, name))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("no key in " + properties.keyStore()));
			}
			this.key = (PrivateKey) store.getKey(alias, password);
			List<X509Certificate> certificates = new ArrayList<>();
			for (Certificate certificate : store.getCertificateChain(alias)) {
				certificates.add((X509Certificate) certificate);
			}
			this.chain = List.copyOf(certificates);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("paraphe.validation.report-seal: cannot read " + properties.keyStore(), ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("paraphe.validation.report-seal: cannot read " + properties.keyStore(), ex);
		}
	}

	private static boolean isKey(KeyStore store, String alias) {
		try {
			return store.isKeyEntry(alias);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	@Override
	public byte[] seal(byte[] pdf) {
		try (PDDocument document = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
			PDSignature signature = new PDSignature();
			signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
			signature.setSubFilter(COSName.getPDFName("ETSI.CAdES.detached"));
			signature.setName("Paraphe");
			signature.setReason("Rapport de validation");
			signature.setSignDate(Calendar.getInstance());
			options.setPreferredSignatureSize(16_000);
			document.addSignature(signature, options);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
			external.setSignature(cms(external.getContent().readAllBytes()));
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private byte[] cms(byte[] content) {
		X509Certificate certificate = chain.get(0);
		try {
			X509Certificate issuer = chain.size() > 1 ? chain.get(1) : certificate;
			ESSCertIDv2 certId = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
					MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()),
					new IssuerSerial(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
							certificate.getSerialNumber()));
			ASN1EncodableVector attributes = new ASN1EncodableVector();
			attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
					new DERSet(new SigningCertificateV2(new ESSCertIDv2[] { certId }))));
			DefaultSignedAttributeTableGenerator signedAttributes = new DefaultSignedAttributeTableGenerator(
					new AttributeTable(attributes)) {
				@Override
				@SuppressWarnings("rawtypes")
				public AttributeTable getAttributes(Map parameters) {
					// ETSI EN 319 142-1 §6.3: no signing-time in a PAdES baseline signature.
					return super.getAttributes(parameters).remove(CMSAttributes.signingTime);
				}
			};
			String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
					new JcaDigestCalculatorProviderBuilder().build())
				.setSignedAttributeGenerator(signedAttributes)
				.build(new JcaContentSignerBuilder(algorithm).build(key), certificate));
			generator.addCertificates(new JcaCertStore(chain));
			return generator.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
		}
		catch (Exception ex) {
			throw new IllegalStateException("the report could not be sealed", ex);
		}
	}

}
