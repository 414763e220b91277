package fr.paraphe.pades;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Collectors;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.UserId;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.ValidationResult;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PDF/A-2b document stays PDF/A-2b once signed (visible and invisible, up to B-LTA), as veraPDF — the reference
 * PDF/A validator, with a parser of its own — sees it: the appearance's fonts are embedded, the widget prints.
 */
@ParapheIntegrationTest
class PdfaSigningIntegrationTests {

	@Autowired
	PadesSigner signer;

	@Autowired
	CertificationAuthority ca;

	@BeforeAll
	static void veraPdf() {
		VeraGreenfieldFoundryProvider.initialise();
	}

	@Test
	void aSignedPdfA2bStaysPdfA2b() throws Exception {
		byte[] pdfa = pdfA2b("Lettre de mission — conforme PDF/A, accentuée : é è à ç");
		assertThat(failures(pdfa)).as("the input is PDF/A-2b").isEmpty();
		// The check can fail: an office PDF with an unembedded standard font and no XMP is not PDF/A.
		assertThat(failures(fr.paraphe.validation.TestSigner.document("Pas PDF/A"))).isNotEmpty();
		IssuedCertificate certificate = ca.issue(new NaturalPerson(new UserId(UUID.randomUUID()), "Élise", "Archiviste",
				"IDCFR-PDFA-" + UUID.randomUUID().toString().substring(0, 8), "FR"));
		SigningKey key = AbstractPadesIntegrationTests.keyOf(ca, certificate);

		byte[] visible = signer.sign(pdfa, key, SignatureParameters.invisible(SignatureLevel.B_LT, "Élise Archiviste", "Archivage")
			.withAppearance(Appearance.box(1, 300, 80, 220, 70), "Cabinet Démo"));
		byte[] invisible = signer.sign(pdfa, key, SignatureParameters.invisible(SignatureLevel.B_LTA, "Élise Archiviste", null));
		byte[] both = signer.sign(visible, key, SignatureParameters.invisible(SignatureLevel.B_LTA, "Élise Archiviste", null)
			.withAppearance(Appearance.box(1, 36, 80, 220, 70), "Cabinet Démo"));

		assertThat(failures(visible)).as("visible, B-LT").isEmpty();
		assertThat(failures(invisible)).as("invisible, B-LTA").isEmpty();
		assertThat(failures(both)).as("two visible signatures, B-LTA").isEmpty();
	}

	/** The rules of PDF/A-2b the document breaks, as veraPDF reports them; empty when it is compliant. */
	private static String failures(byte[] pdf) throws Exception {
		try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
				PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
			ValidationResult result = validator.validate(parser);
			if (result.isCompliant()) {
				return "";
			}
			return result.getTestAssertions()
				.stream()
				.filter(assertion -> assertion.getStatus() == org.verapdf.pdfa.results.TestAssertion.Status.FAILED)
				.map(assertion -> assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber() + " "
						+ assertion.getMessage())
				.distinct()
				.collect(Collectors.joining("\n"));
		}
	}

	/** A one-page PDF/A-2b: embedded font, sRGB output intent, XMP metadata identifying the part. */
	static byte[] pdfA2b(String text) throws Exception {
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			PDType0Font font;
			try (InputStream ttf = PdfaSigningIntegrationTests.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
				font = PDType0Font.load(document, ttf);
			}
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(font, 12);
				content.newLineAtOffset(72, 760);
				content.showText(text);
				content.endText();
			}
			String xmp = """
					<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
					<x:xmpmeta xmlns:x="adobe:ns:meta/">
					 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
					  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
					   <pdfaid:part>2</pdfaid:part>
					   <pdfaid:conformance>B</pdfaid:conformance>
					  </rdf:Description>
					 </rdf:RDF>
					</x:xmpmeta>
					<?xpacket end="w"?>""";
			PDMetadata metadata = new PDMetadata(document);
			metadata.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
			document.getDocumentCatalog().setMetadata(metadata);
			PDOutputIntent intent = new PDOutputIntent(document,
					new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
			intent.setInfo("sRGB IEC61966-2.1");
			intent.setOutputCondition("sRGB IEC61966-2.1");
			intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
			intent.setRegistryName("http://www.color.org");
			document.getDocumentCatalog().addOutputIntent(intent);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
	}

}
