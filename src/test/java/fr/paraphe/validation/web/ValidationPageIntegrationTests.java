package fr.paraphe.validation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The public page /valider without login: upload through the form (with its CSRF token), the verdict and the
 * plain-French explanation, the JSON download, and the Adobe Reader guide.
 */
@ParapheIntegrationTest
class ValidationPageIntegrationTests {

	static final TestPki PKI = TestPki.shared();

	static final byte[] SIGNED = TestSigner.sign(TestSigner.document("Liasse fiscale 2025"),
			PKI.issue("Claire Martin", "Cabinet Martin"), TestSigner.Options.approval(PKI.crl()));

	@LocalServerPort
	int port;

	@Test
	void aGenuineDocumentShowsAGreenVerdictAnExplanationAndAJsonDownload() {
		Document page = upload(SIGNED, "liasse.pdf");

		assertThat(page.selectFirst("#verdict").hasClass("verdict-valid")).isTrue();
		assertThat(page.selectFirst("#verdict-heading").text()).isEqualTo("Signature valide");
		assertThat(page.selectFirst("#explanation").text()).startsWith("Ce document a été signé par Claire Martin")
			.contains("il n’a pas été modifié depuis");
		assertThat(page.selectFirst("#signature-1").text()).contains("Claire Martin", "Cabinet Martin",
				"PAdES-BASELINE-B", "TOTAL_PASSED");
		String href = page.selectFirst("#download-json").attr("href");
		assertThat(page.selectFirst("#download-json").attr("download")).isEqualTo("liasse-rapport-validation.json");
		assertThat(href).startsWith("data:application/json;charset=utf-8;base64,");
		String json = new String(Base64.getDecoder().decode(href.substring(href.indexOf(',') + 1)),
				StandardCharsets.UTF_8);
		assertThat(json).contains("\"valid\" : true").contains("\"indication\" : \"TOTAL_PASSED\"");
	}

	@Test
	void aDocumentChangedAfterSigningIsNeverGreen() {
		byte[] changed = fr.paraphe.validation.internal.PageAttacks.appendPage(SIGNED);

		Document page = upload(changed, "liasse.pdf");

		assertThat(page.selectFirst("#verdict").hasClass("verdict-valid")).isFalse();
		assertThat(page.selectFirst("#verdict-heading").text()).isEqualTo("Document modifié après signature");
		assertThat(page.select(".modifications li.forbidden")).isNotEmpty();
	}

	@Test
	void somethingElseThanAPdfGetsAFrenchMessage() {
		Document page = upload("bonjour".getBytes(StandardCharsets.UTF_8), "bonjour.txt");

		assertThat(page.selectFirst("#validation-error").text()).isEqualTo("Ce fichier n’est pas un PDF.");
		assertThat(page.selectFirst("#verdict")).isNull();
	}

	@Test
	void theReportCanBeDownloadedAsAPdfSealedByThePlatform() throws Exception {
		ResponseEntity<byte[]> response = uploadForPdf(SIGNED, "liasse.pdf");

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
		assertThat(response.getHeaders().getContentDisposition().getFilename())
			.isEqualTo("liasse-rapport-validation.pdf");
		byte[] pdf = response.getBody();
		try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
			String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
			assertThat(text).contains("Rapport de validation Paraphe", "Signature valide", "Claire Martin",
					"PAdES-BASELINE-B");
		}
		// The report's own seal: intact, made by the platform's seal certificate.
		try (fr.paraphe.validation.internal.DefaultPdfValidator validator = fr.paraphe.validation.internal.Validators
			.trusting(PKI.root())) {
			fr.paraphe.validation.internal.ValidationReport sealReport = fr.paraphe.validation.internal.Validators
				.validate(validator, pdf);
			assertThat(sealReport.signatures()).hasSize(1);
			assertThat(sealReport.signatures().get(0).signer().name()).isEqualTo("Cachet de test Paraphe");
			assertThat(sealReport.signatures().get(0).subIndication()).isNotIn("HASH_FAILURE", "SIG_CRYPTO_FAILURE");
			assertThat(sealReport.signatures().get(0).level()).isEqualTo("PAdES-BASELINE-B");
			assertThat(sealReport.signatures().get(0).modifications()).noneMatch(m -> !m.permitted());
		}
	}

	@Test
	void theGuideExplainsAdobeReadersPanel() {
		String html = client().get().uri("/valider/guide").retrieve().body(String.class);

		Document page = Jsoup.parse(html);
		assertThat(page.selectFirst("h1").text()).isEqualTo("Lire une signature dans Adobe Reader");
		assertThat(page.text()).contains("Panneau Signatures", "Utiliser ce certificat comme racine approuvée");
	}

	Document upload(byte[] content, String filename) {
		ResponseEntity<String> form = client().get().uri("/valider").retrieve().toEntity(String.class);
		Document formPage = Jsoup.parse(form.getBody());
		String token = formPage.selectFirst("#upload-form input[name=_csrf]").val();
		List<String> cookies = form.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("_csrf", token);
		parts.add("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return filename;
			}
		});
		String html = client().post()
			.uri("/valider")
			.header(HttpHeaders.COOKIE, cookies.stream().map(cookie -> cookie.split(";")[0]).toArray(String[]::new))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.body(String.class);
		return Jsoup.parse(html);
	}

	ResponseEntity<byte[]> uploadForPdf(byte[] content, String filename) {
		ResponseEntity<String> form = client().get().uri("/valider").retrieve().toEntity(String.class);
		Document formPage = Jsoup.parse(form.getBody());
		assertThat(formPage.selectFirst("#validate-pdf-button")).isNotNull();
		String token = formPage.selectFirst("#upload-form input[name=_csrf]").val();
		List<String> cookies = form.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("_csrf", token);
		parts.add("format", "pdf");
		parts.add("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return filename;
			}
		});
		return client().post()
			.uri("/valider")
			.header(HttpHeaders.COOKIE, cookies.stream().map(cookie -> cookie.split(";")[0]).toArray(String[]::new))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.toEntity(byte[].class);
	}

	RestClient client() {
		return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
	}

}
