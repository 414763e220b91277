package fr.paraphe.registration.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import fr.paraphe.registration.TestDocuments;
import fr.paraphe.shared.ProblemException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentInspectorTests {

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	@Test
	void aPdfIsKeptAsSent() throws Exception {
		byte[] pdf = pdf(false);
		DocumentInspector.Inspected inspected = DocumentInspector.inspect(pdf);
		assertThat(inspected.mediaType()).isEqualTo("application/pdf");
		assertThat(inspected.content()).isEqualTo(pdf);
	}

	@Test
	void aPdfWithJavaScriptIsRefused() throws Exception {
		assertRefused(pdf(true), "registration.document.suspicious");
	}

	@Test
	void aPngIsReencodedAsPng() {
		DocumentInspector.Inspected inspected = DocumentInspector.inspect(TestDocuments.png());
		assertThat(inspected.mediaType()).isEqualTo("image/png");
		assertThat(inspected.content()[1]).isEqualTo((byte) 'P');
	}

	@Test
	void aTruncatedJpegIsRefused() {
		byte[] jpeg = TestDocuments.jpeg();
		assertRefused(Arrays.copyOf(jpeg, 40), "registration.document.corrupt");
	}

	@Test
	void anImageThatIsAlsoAPdfIsRefused() {
		byte[] jpeg = TestDocuments.jpeg();
		byte[] pdf = "%PDF-1.7\n1 0 obj<<>>endobj".getBytes(StandardCharsets.US_ASCII);
		byte[] both = Arrays.copyOf(jpeg, jpeg.length + pdf.length);
		System.arraycopy(pdf, 0, both, jpeg.length, pdf.length);
		assertRefused(both, "registration.document.suspicious");
	}

	@Test
	void htmlAndSvgAreRefusedWhateverTheirName() {
		assertRefused("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII),
				"registration.document.type");
		assertRefused("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.US_ASCII),
				"registration.document.type");
	}

	private static void assertRefused(byte[] content, String key) {
		assertThatThrownBy(() -> DocumentInspector.inspect(content)).isInstanceOfSatisfying(ProblemException.class,
				problem -> assertThat(problem.messageKey()).isEqualTo(key));
	}

	private static byte[] pdf(boolean withJavaScript) throws Exception {
		try (PDDocument document = new PDDocument()) {
			document.addPage(new PDPage());
			if (withJavaScript) {
				document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('x')"));
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
	}

}
