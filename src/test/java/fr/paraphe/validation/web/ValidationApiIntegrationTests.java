package fr.paraphe.validation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * POST /api/v1/validations over HTTP, without login or CSRF token: the JSON report of a genuine and of a tampered
 * signed PDF, and problem details for what is refused.
 */
@ParapheIntegrationTest
class ValidationApiIntegrationTests {

	static final TestPki PKI = TestPki.shared();

	static final byte[] SIGNED = TestSigner.sign(TestSigner.document("Comptes annuels 2025"),
			PKI.issue("Claire Martin", "Cabinet Martin"), TestSigner.Options.approval(PKI.crl()));

	@LocalServerPort
	int port;

	@Test
	@SuppressWarnings("unchecked")
	void aGenuineSignatureIsValid() {
		ResponseEntity<Map> response = post(SIGNED, "comptes.pdf");

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		Map<String, Object> report = response.getBody();
		assertThat(report).containsEntry("valid", true).containsEntry("verdict", "VALID");
		List<Map<String, Object>> signatures = (List<Map<String, Object>>) report.get("signatures");
		assertThat(signatures).hasSize(1);
		assertThat(signatures.get(0)).containsEntry("indication", "TOTAL_PASSED")
			.containsEntry("level", "PAdES-BASELINE-B")
			.containsKeys("id", "subIndication", "signer", "signingTime", "claimedSigningTime", "modifications");
		assertThat((Map<String, Object>) signatures.get(0).get("signer")).containsEntry("name", "Claire Martin");
		assertThat((String) report.get("explanation")).startsWith("Ce document a été signé par Claire Martin");
	}

	@Test
	void aTamperedDocumentIsNotValid() {
		byte[] tampered = SIGNED.clone();
		tampered[tampered.length / 3] ^= 0x20;

		ResponseEntity<Map> response = post(tampered, "comptes.pdf");

		if (response.getStatusCode().value() == 200) {
			assertThat(response.getBody()).containsEntry("valid", false);
			assertThat(response.getBody().get("verdict")).isNotEqualTo("VALID");
		}
		else {
			assertThat(response.getStatusCode().value()).isEqualTo(422);
		}
	}

	@Test
	void aPdfWithoutSignatureIsNotValid() {
		ResponseEntity<Map> response = post(TestSigner.document("Rien"), "rien.pdf");

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).containsEntry("valid", false).containsEntry("verdict", "NO_SIGNATURE");
	}

	@Test
	void somethingElseThanAPdfIsAProblem() {
		ResponseEntity<Map> response = post("bonjour".getBytes(), "bonjour.txt");

		assertThat(response.getStatusCode().value()).isEqualTo(422);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(response.getBody()).containsEntry("reason", "NOT_PDF").containsKey("detail");
	}

	@Test
	void aDocumentOverTheSizeLimitIsA413Problem() {
		byte[] large = new byte[(20 << 20) + 1];
		System.arraycopy("%PDF-1.7".getBytes(), 0, large, 0, 8);

		ResponseEntity<Map> response = post(large, "enorme.pdf");

		assertThat(response.getStatusCode().value()).isEqualTo(413);
		assertThat(response.getBody()).containsEntry("reason", "TOO_LARGE");
	}

	@Test
	void aMissingFileIsABadRequestNotAServerError() {
		ResponseEntity<Map> response = client().post()
			.uri("/api/v1/validations")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(new LinkedMultiValueMap<String, Object>())
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, reply) -> {
			})
			.toEntity(Map.class);

		assertThat(response.getStatusCode().value()).isEqualTo(400);
	}

	ResponseEntity<Map> post(byte[] content, String filename) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return filename;
			}
		});
		return client().post()
			.uri("/api/v1/validations")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, reply) -> {
			})
			.toEntity(Map.class);
	}

	RestClient client() {
		return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
	}

}
