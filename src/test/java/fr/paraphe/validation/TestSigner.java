package fr.paraphe.validation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.CertificateList;
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
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A small PAdES signer for tests, standing in for the platform's signing engine: PDFBox external signing and
 * a Bouncy Castle CMS, SubFilter ETSI.CAdES.detached, a signing-certificate-v2 attribute and no signing-time
 * attribute (ETSI EN 319 142-1 §6.3: the claimed time goes in the dictionary's /M), so the result is
 * PAdES-BASELINE-B. Each signature is its own incremental update.
 */
public final class TestSigner {

	private TestSigner() {
	}

	/** A one-or-more-page PDF, one line of text per page, as an office tool would produce. */
	public static byte[] document(String... pageTexts) {
		try (PDDocument document = new PDDocument()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (String text : pageTexts) {
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 14);
					content.newLineAtOffset(72, 700);
					content.showText(text);
					content.endText();
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			// Classic cross-reference tables, so that tests can append hand-written incremental updates.
			document.save(out, CompressParameters.NO_COMPRESSION);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A one-page PDF with a line of text and a text field (with its appearance) under it, optionally hidden: the
	 * raw material of shadow attacks.
	 */
	public static byte[] documentWithTextField(String text, String fieldName, String value, boolean hidden) {
		try (PDDocument document = Loader.loadPDF(document(text))) {
			PDPage page = document.getPage(0);
			PDAcroForm form = new PDAcroForm(document);
			document.getDocumentCatalog().setAcroForm(form);
			PDResources resources = new PDResources();
			resources.put(COSName.getPDFName("Helv"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
			form.setDefaultResources(resources);
			form.setDefaultAppearance("/Helv 12 Tf 0 g");
			PDTextField field = new PDTextField(form);
			field.setPartialName(fieldName);
			field.setDefaultAppearance("/Helv 12 Tf 0 g");
			form.getFields().add(field);
			PDAnnotationWidget widget = field.getWidgets().get(0);
			widget.setRectangle(new PDRectangle(72, 640, 300, 24));
			widget.setPage(page);
			widget.setPrinted(true);
			widget.setHidden(hidden);
			page.getAnnotations().add(widget);
			field.setValue(value);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out, CompressParameters.NO_COMPRESSION);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Options of one signature. */
	public record Options(String reason, Calendar signingTime, int certificationLevel, X509CRL crl,
			TestPki.Credentials timestampingUnit) {

		public static Options approval(X509CRL crl) {
			return new Options("Approbation", Calendar.getInstance(), 0, crl, null);
		}

		public static Options certification(int level, X509CRL crl) {
			return new Options("Certification", Calendar.getInstance(), level, crl, null);
		}

		/** The same, with a signature time-stamp (PAdES-BASELINE-T) from this time-stamping unit. */
		public Options timestampedBy(TestPki.Credentials unit) {
			return new Options(reason, signingTime, certificationLevel, crl, unit);
		}

	}

	/** Adds a document time-stamp (ETSI EN 319 142-1 §5.4, SubFilter ETSI.RFC3161) in a new incremental update. */
	public static byte[] documentTimestamp(byte[] pdf, TestPki.Credentials unit) {
		return documentTimestamp(pdf, digest -> timestampToken(digest, unit), null);
	}

	/**
	 * A document time-stamp whose token comes from {@code tsa} (a SHA-256 digest in, an RFC 3161 token out), with
	 * a visible widget when {@code appearance} is not null.
	 */
	public static byte[] documentTimestamp(byte[] pdf, java.util.function.UnaryOperator<byte[]> tsa,
			Appearance appearance) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDSignature signature = new PDSignature();
			signature.setType(COSName.DOC_TIME_STAMP);
			signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
			signature.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
			SignatureOptions signatureOptions = new SignatureOptions();
			signatureOptions.setPreferredSignatureSize(12_000);
			document.addSignature(signature, signatureOptions);
			if (appearance != null) {
				appearance.applyTo(document, signature);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(external.getContent().readAllBytes());
			external.setSignature(tsa.apply(digest));
			signatureOptions.close();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An RFC 3161 time-stamp token over a SHA-256 digest, as a time-stamping authority returns it. */
	public static byte[] timestampToken(byte[] sha256, TestPki.Credentials unit) {
		try {
			org.bouncycastle.tsp.TimeStampTokenGenerator generator = new org.bouncycastle.tsp.TimeStampTokenGenerator(
					new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA",
							unit.privateKey(), unit.certificate()),
					new JcaDigestCalculatorProviderBuilder().build()
						.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
					new ASN1ObjectIdentifier("1.2.250.1.999.1"));
			generator.addCertificates(new JcaCertStore(List.of(unit.certificate())));
			org.bouncycastle.tsp.TimeStampRequest request = new org.bouncycastle.tsp.TimeStampRequestGenerator()
				.generate(org.bouncycastle.tsp.TSPAlgorithms.SHA256, sha256,
						java.math.BigInteger.valueOf(System.nanoTime()));
			return generator.generate(request, java.math.BigInteger.valueOf(System.nanoTime()), new java.util.Date())
				.getEncoded();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Signs {@code pdf} in a new incremental update with an invisible signature. */
	public static byte[] sign(byte[] pdf, TestPki.Credentials signer, Options options) {
		return sign(pdf, signer, options, null);
	}

	/**
	 * Where and how a widget is drawn: a box on a page (1-based), opaque (white background, hiding what is under
	 * it) or not, with one line of text.
	 */
	public record Appearance(int page, PDRectangle box, String text, boolean opaque) {

		/** Gives the widget of {@code signature}'s field this box and appearance stream. */
		void applyTo(PDDocument document, PDSignature signature) throws IOException {
			for (org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField field : document.getSignatureFields()) {
				if (field.getCOSObject().getDictionaryObject(COSName.V) == signature.getCOSObject()) {
					PDAnnotationWidget widget = field.getWidgets().get(0);
					PDPage target = document.getPage(page - 1);
					if (widget.getPage() != null && widget.getPage() != target) {
						widget.getPage().getAnnotations().remove(widget);
					}
					draw(document, widget, target);
					if (!target.getAnnotations().contains(widget)) {
						target.getAnnotations().add(widget);
					}
					target.getCOSObject().setNeedToBeUpdated(true);
					return;
				}
			}
			throw new IllegalStateException("no field holds the new signature");
		}

		/** Places {@code widget} on {@code page} with this box and an appearance stream that draws the text. */
		public void draw(PDDocument document, PDAnnotationWidget widget, PDPage page) throws IOException {
			widget.setRectangle(box);
			widget.setPage(page);
			widget.setPrinted(true);
			org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream stream = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream(
					document);
			stream.setBBox(new PDRectangle(0, 0, box.getWidth(), box.getHeight()));
			stream.setResources(new PDResources());
			try (PDPageContentStream content = new PDPageContentStream(document, stream)) {
				if (opaque) {
					content.setNonStrokingColor(1f, 1f, 1f);
					content.addRect(0, 0, box.getWidth(), box.getHeight());
					content.fill();
				}
				content.setNonStrokingColor(0.8f, 0f, 0f);
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 12);
				content.newLineAtOffset(4, Math.max(2, box.getHeight() / 2 - 4));
				content.showText(text);
				content.endText();
			}
			org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary appearances = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary();
			appearances.setNormalAppearance(stream);
			widget.setAppearance(appearances);
			widget.getCOSObject().setNeedToBeUpdated(true);
		}

	}

	/** Signs {@code pdf} in a new incremental update, with a visible widget when {@code appearance} is not null. */
	public static byte[] sign(byte[] pdf, TestPki.Credentials signer, Options options, Appearance appearance) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDSignature signature = new PDSignature();
			signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
			signature.setSubFilter(COSName.getPDFName("ETSI.CAdES.detached"));
			signature.setReason(options.reason());
			signature.setSignDate(options.signingTime());
			if (options.certificationLevel() > 0) {
				certify(document, signature, options.certificationLevel());
			}
			SignatureOptions signatureOptions = new SignatureOptions();
			signatureOptions.setPreferredSignatureSize(12_000);
			document.addSignature(signature, signatureOptions);
			if (appearance != null) {
				appearance.applyTo(document, signature);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
			external.setSignature(cms(external.getContent(), signer, options.crl(), options.timestampingUnit()));
			signatureOptions.close();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * ISO 32000-1 §12.8.2.2: a DocMDP transform in the signature's /Reference and the catalog's /Perms, written here
	 * from the standard's tables (252 signature reference, 254 DocMDP transform parameters), not from the signing
	 * engine's code, so that the validator is tested against an independent signer. Choices differ from the engine's
	 * where the standard allows: no /DigestMethod (optional, deprecated by ISO 32000-2).
	 */
	private static void certify(PDDocument document, PDSignature signature, int level) {
		COSDictionary transformParameters = new COSDictionary();
		transformParameters.setName(COSName.TYPE, "TransformParams");
		transformParameters.setInt(COSName.P, level);
		transformParameters.setName(COSName.V, "1.2");
		COSDictionary signatureReference = new COSDictionary();
		signatureReference.setName(COSName.TYPE, "SigRef");
		signatureReference.setName(COSName.getPDFName("TransformMethod"), "DocMDP");
		signatureReference.setItem(COSName.getPDFName("TransformParams"), transformParameters);
		COSArray references = new COSArray();
		references.add(signatureReference);
		signature.getCOSObject().setItem(COSName.getPDFName("Reference"), references);
		COSDictionary permissions = new COSDictionary();
		permissions.setItem(COSName.getPDFName("DocMDP"), signature.getCOSObject());
		document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("Perms"), permissions);
		document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
	}

	static byte[] cms(InputStream content, TestPki.Credentials signer, X509CRL crl, TestPki.Credentials unit)
			throws IOException {
		try {
			ESSCertIDv2 certId = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
					MessageDigest.getInstance("SHA-256").digest(signer.certificate().getEncoded()),
					new IssuerSerial(X500Name.getInstance(signer.issuer().getSubjectX500Principal().getEncoded()),
							signer.certificate().getSerialNumber()));
			ASN1EncodableVector attributes = new ASN1EncodableVector();
			attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
					new DERSet(new SigningCertificateV2(new ESSCertIDv2[] { certId }))));
			if (crl != null) {
				// Adobe's adbe-revocationInfoArchival (ISO 32000-1 §12.8.3.3.2): the CRL inside the signed data.
				attributes.add(new Attribute(new ASN1ObjectIdentifier("1.2.840.113583.1.1.8"),
						new DERSet(new DERSequence(new DERTaggedObject(true, 0,
								new DERSequence(CertificateList.getInstance(crl.getEncoded())))))));
			}
			DefaultSignedAttributeTableGenerator signedAttributes = new DefaultSignedAttributeTableGenerator(
					new AttributeTable(attributes)) {
				@Override
				@SuppressWarnings("rawtypes")
				public AttributeTable getAttributes(Map parameters) {
					return super.getAttributes(parameters).remove(CMSAttributes.signingTime);
				}
			};
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addSignerInfoGenerator(
					new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
						.setSignedAttributeGenerator(signedAttributes)
						.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.privateKey()),
								signer.certificate()));
			List<java.security.cert.X509Certificate> certificates = new ArrayList<>(
					List.of(signer.certificate(), signer.issuer()));
			generator.addCertificates(new JcaCertStore(certificates));
			if (crl != null) {
				generator.addCRL(new JcaX509CRLHolder(crl));
			}
			CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false);
			if (unit != null) {
				// ETSI EN 319 122-1 §5.3: the signature-time-stamp covers the signature value.
				org.bouncycastle.cms.SignerInformation information = signed.getSignerInfos().getSigners().iterator().next();
				byte[] token = timestampToken(MessageDigest.getInstance("SHA-256").digest(information.getSignature()),
						unit);
				AttributeTable unsigned = new AttributeTable(
						new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
								new DERSet(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(token))));
				information = org.bouncycastle.cms.SignerInformation.replaceUnsignedAttributes(information, unsigned);
				signed = CMSSignedData.replaceSigners(signed,
						new org.bouncycastle.cms.SignerInformationStore(information));
			}
			return signed.getEncoded("DER");
		}
		catch (NoSuchAlgorithmException | java.security.cert.CertificateException | java.security.cert.CRLException
				| org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cms.CMSException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
