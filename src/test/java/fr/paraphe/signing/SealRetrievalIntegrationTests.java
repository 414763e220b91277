package fr.paraphe.signing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import fr.paraphe.MutableClock;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.shared.FirmId;
import fr.paraphe.signing.internal.SealReplays;
import fr.paraphe.validation.TestSigner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every charged seal can be fetched again for a day by its id ({@code GET /api/v1/seals/{id}}), with or without
 * Idempotency-Key: the id comes in the {@value #ID_HEADER} header, and a client that lost the response finds it by
 * the SHA-256 of the PDF it sent ({@code GET /api/v1/seals?sha256=}). The ledger's debit names the same id.
 */
@ParapheIntegrationTest
class SealRetrievalIntegrationTests extends SealingTest {

	static final String ID_HEADER = "Paraphe-Seal-Id";

	@Autowired
	SealReplays replays;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aSealIsFetchedAgainByTheIdItsResponseNamesWithOrWithoutIdempotencyKey() throws Exception {
		Firm firm = firm();
		for (String idempotencyKey : new String[] { null, "facture-" + UUID.randomUUID() }) {
			HttpResponse<byte[]> sealed = seal(firm.key, TestSigner.document("Facture " + idempotencyKey), idempotencyKey);
			assertThat(sealed.statusCode()).isEqualTo(200);
			UUID id = UUID.fromString(sealed.headers().firstValue(ID_HEADER).orElseThrow());

			HttpResponse<byte[]> again = fetch(firm.key, "/api/v1/seals/" + id);
			assertThat(again.statusCode()).isEqualTo(200);
			assertThat(again.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
			assertThat(again.headers().firstValue(ID_HEADER)).hasValue(id.toString());
			assertThat(again.body()).isEqualTo(sealed.body());
			// The ledger's debit names the document it paid for.
			assertThat(debits(firm.id, "seal:" + id)).isEqualTo(1);
		}
	}

	@Test
	void aSealWhoseResponseWasLostIsFoundByItsDocumentAndFetchedById() throws Exception {
		Firm firm = firm();
		byte[] pdf = TestSigner.document("Réponse perdue " + UUID.randomUUID());
		String sha256 = java.util.HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(pdf));

		// No Idempotency-Key, and the connection goes before the answer comes: the seal is charged all the same.
		sendAndHangUp(firm.key, multipart(pdf));

		String[] found = new String[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
			HttpResponse<byte[]> list = fetch(firm.key, "/api/v1/seals?sha256=" + sha256);
			assertThat(list.statusCode()).isEqualTo(200);
			java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"")
				.matcher(new String(list.body(), StandardCharsets.UTF_8));
			found[0] = id.find() ? id.group(1) : null;
			return found[0] != null;
		});
		HttpResponse<byte[]> again = fetch(firm.key, "/api/v1/seals/" + found[0]);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(new String(again.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(again.body().length).isGreaterThan(pdf.length);
		assertThat(debits(firm.id, "seal:" + found[0])).isEqualTo(1);
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
	}

	@Test
	void anotherFirmsSealAndAnUnknownIdAre404AndASealIsGoneAfterADay() throws Exception {
		Firm firm = firm();
		Firm other = firm();
		HttpResponse<byte[]> sealed = seal(firm.key, TestSigner.document("À moi"), null);
		String id = sealed.headers().firstValue(ID_HEADER).orElseThrow();

		assertProblem(fetch(other.key, "/api/v1/seals/" + id), 404);
		assertProblem(fetch(firm.key, "/api/v1/seals/" + UUID.randomUUID()), 404);
		assertProblem(fetch(firm.key, "/api/v1/seals/pas-un-id"), 404);
		assertProblem(fetch(null, "/api/v1/seals/" + id), 401);
		assertProblem(fetch(firm.key, "/api/v1/seals?sha256=nope"), 400);
		assertThat(fetch(firm.key, "/api/v1/seals/" + id).statusCode()).isEqualTo(200);

		Object target = AopTestUtils.getTargetObject(replays);
		Clock real = (Clock) ReflectionTestUtils.getField(target, "clock");
		MutableClock later = new MutableClock(Instant.now().plus(Duration.ofHours(24)).plusSeconds(1));
		ReflectionTestUtils.setField(target, "clock", later);
		try {
			assertProblem(fetch(firm.key, "/api/v1/seals/" + id), 404);
			replays.purge();
		}
		finally {
			ReflectionTestUtils.setField(target, "clock", real);
		}
		assertProblem(fetch(firm.key, "/api/v1/seals/" + id), 404);
	}

	record Firm(FirmId id, String key) {
	}

	private Firm firm() {
		Owner owner = firmWithSeal("fetch", "Fabien Fetch", "Cabinet Retrouvé", "20");
		return new Firm(owner.firm(), apiKeys.create(owner.id(), owner.firm(), "Logiciel").secret());
	}

	private int debits(FirmId firm, String key) {
		return jdbc.sql("SELECT COUNT(*) FROM billing_entry WHERE firm_id = ? AND kind = 'DEBIT' AND idempotency_key = ?")
			.params(firm.value(), key)
			.query(Integer.class)
			.single();
	}

	private static void assertProblem(HttpResponse<byte[]> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
	}

	private static final String BOUNDARY = "----paraphe-retrieval";

	private static byte[] multipart(byte[] pdf) throws Exception {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"level\"\r\n\r\nB-B\r\n--" + BOUNDARY
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(pdf);
		body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	private HttpResponse<byte[]> seal(String apiKey, byte[] pdf, String idempotencyKey) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/seals"))
			.header("Authorization", "Bearer " + apiKey)
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(pdf)));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> fetch(String apiKey, String path) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
		if (apiKey != null) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Sends a whole seal request and closes the connection without reading a byte of the answer. */
	private void sendAndHangUp(String apiKey, byte[] body) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/seals HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + apiKey
					+ "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + body.length
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
		}
	}

}
