package fr.paraphe.validation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.TestSigner.Appearance;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The overlay family through /valider and the API: for each forged document (an empty signature field, a document
 * time-stamp from our own /pki/tsa, a genuine second seal, each drawn over the signed text, with and without
 * certification), the platform never seals a report that says "Signature valide", and the API says not valid. A
 * second seal in an empty margin still gets a green sealed report (so the test can tell the two apart).
 */
@ParapheIntegrationTest
class OverlayValidationIntegrationTests {

	static final TestPki PKI = TestPki.shared();

	static final TestPki.Credentials CLAIRE = PKI.issue("Claire Martin", "Cabinet Martin");

	static final TestPki.Credentials PAUL = PKI.issue("Paul Durand", "Client SARL");

	static final byte[] DOCUMENT = TestSigner.document("Facture 2026-118 : montant 1 000 EUR");

	static final byte[] SEALED = TestSigner.sign(DOCUMENT, CLAIRE, TestSigner.Options.approval(PKI.crl()));

	static final byte[] CERTIFIED = TestSigner.sign(DOCUMENT, CLAIRE, TestSigner.Options.certification(2, PKI.crl()));

	static final Appearance OVER_THE_TEXT = new Appearance(1, new PDRectangle(60, 690, 470, 30),
			"ANNULE - montant 1 000 000 EUR", true);

	@LocalServerPort
	int port;

	@Test
	void noForgedDocumentGetsAValidSealedReport() throws Exception {
		Map<String, byte[]> forged = new java.util.LinkedHashMap<>();
		forged.put("champ-vide", emptySignatureField(SEALED));
		forged.put("champ-vide-certifie", emptySignatureField(CERTIFIED));
		forged.put("horodatage", TestSigner.documentTimestamp(SEALED, this::timestampFromOurTsa, OVER_THE_TEXT));
		forged.put("horodatage-certifie",
				TestSigner.documentTimestamp(CERTIFIED, this::timestampFromOurTsa, OVER_THE_TEXT));
		forged.put("second-cachet",
				TestSigner.sign(SEALED, PAUL, TestSigner.Options.approval(PKI.crl()), OVER_THE_TEXT));

		for (Map.Entry<String, byte[]> sample : forged.entrySet()) {
			String text = sealedReportText(sample.getValue(), sample.getKey() + ".pdf");
			assertThat(text).as(sample.getKey()).doesNotContain("Signature valide")
				.contains("Document modifié après signature")
				.contains("recouvre le contenu signé");
			Map<String, Object> json = api(sample.getValue(), sample.getKey() + ".pdf").getBody();
			assertThat(json).as(sample.getKey()).containsEntry("valid", false).containsEntry("verdict", "MODIFIED");
		}
	}

	@Test
	void aSecondSealInAnEmptyMarginGetsAValidSealedReport() throws Exception {
		byte[] twice = TestSigner.sign(SEALED, PAUL, TestSigner.Options.approval(PKI.crl()),
				new Appearance(1, new PDRectangle(380, 40, 180, 40), "Cachet Client SARL", true));

		assertThat(sealedReportText(twice, "marge.pdf")).contains("Signature valide");
	}

	@Test
	void anInvisibleDocumentTimeStampFromOurTsaIsNoModification() {
		byte[] timestamped = TestSigner.documentTimestamp(SEALED, this::timestampFromOurTsa, null);

		Map<String, Object> json = api(timestamped, "horodatage.pdf").getBody();
		assertThat(json.get("verdict")).isNotEqualTo("MODIFIED");
		assertThat(json.toString()).doesNotContain("permitted=false");
	}

	String sealedReportText(byte[] pdf, String name) throws Exception {
		ValidationPageIntegrationTests page = new ValidationPageIntegrationTests();
		page.port = port;
		ResponseEntity<byte[]> response = page.uploadForPdf(pdf, name);
		assertThat(response.getStatusCode().value()).as(name).isEqualTo(200);
		try (PDDocument report = Loader.loadPDF(response.getBody())) {
			return new PDFTextStripper().getText(report);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	ResponseEntity<Map<String, Object>> api(byte[] pdf, String name) {
		ValidationApiIntegrationTests api = new ValidationApiIntegrationTests();
		api.port = port;
		return (ResponseEntity) api.post(pdf, name);
	}

	/** An RFC 3161 token over a SHA-256 digest, asked of the platform's TSA over HTTP, as any client would. */
	byte[] timestampFromOurTsa(byte[] digest) {
		try {
			TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
			generator.setCertReq(true);
			var request = generator.generate(TSPAlgorithms.SHA256, digest, BigInteger.valueOf(System.nanoTime()));
			byte[] reply = RestClient.create("http://127.0.0.1:" + port)
				.post()
				.uri("/pki/tsa")
				.header("Content-Type", "application/timestamp-query")
				.body(request.getEncoded())
				.retrieve()
				.body(byte[].class);
			TimeStampResponse response = new TimeStampResponse(reply);
			response.validate(request);
			return response.getTimeStampToken().getEncoded();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] emptySignatureField(byte[] pdf) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			fr.paraphe.validation.internal.OverlaySamples.addEmptySignatureField(document, OVER_THE_TEXT);
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			document.saveIncremental(out);
			return out.toByteArray();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
