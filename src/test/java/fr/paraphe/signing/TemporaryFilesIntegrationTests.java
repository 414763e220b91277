package fr.paraphe.signing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.TemporaryFiles;
import fr.paraphe.validation.TestSigner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every temporary file of a seal (the upload, the document in, the document out, the engine's) is deleted on
 * every path: sealed, refused, failed, fetched again, and when the client hangs up before the answer.
 */
@ParapheIntegrationTest
class TemporaryFilesIntegrationTests extends SealingTest {

	@Autowired
	TemporaryFiles temporary;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void noTemporaryFileIsLeftAfterSealedRefusedFailedOrAbandonedUploads() throws Exception {
		Owner sealing = newFirmWithSeal("tmp", "Thomas Temporaire", "Cabinet Temporaire");
		User owner = sealing.user();
		FirmId firm = sealing.firm();
		acceptTerms(owner);
		String key = apiKeys.create(owner.id(), firm, "Logiciel").secret();
		// Large enough that the engine works from files, not from memory.
		byte[] large = largeDocument(9 << 20);

		// Refused: the balance is short (402), before anything is signed.
		assertThat(seal(key, large, null).statusCode()).isEqualTo(402);
		assertThat(files()).isZero();

		billing.credit(firm, owner.id(), Money.parse("50"));
		// Refused: not a PDF (415), and a damaged PDF (400, the engine fails).
		assertThat(seal(key, "Bonjour".getBytes(StandardCharsets.UTF_8), null).statusCode()).isEqualTo(415);
		byte[] damaged = large.clone();
		new java.util.Random(2).nextBytes(damaged);
		System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, damaged, 0, 9);
		assertThat(seal(key, damaged, null).statusCode()).isEqualTo(400);
		assertThat(files()).isZero();

		// Sealed, large and small, then fetched again.
		HttpResponse<byte[]> sealed = seal(key, large, "B-B");
		assertThat(sealed.statusCode()).isEqualTo(200);
		assertThat(seal(key, TestSigner.document("Petit"), "B-B").statusCode()).isEqualTo(200);
		String id = sealed.headers().firstValue("Paraphe-Seal-Id").orElseThrow();
		assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/seals/" + id))
			.header("Authorization", "Bearer " + key)
			.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
		assertThat(files()).isZero();

		// The client hangs up: once before its upload is complete, once before reading the answer.
		byte[] body = multipart(large, "B-B");
		hangUp(key, body, body.length / 2);
		hangUp(key, body, body.length);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> files() == 0);
		assertThat(billing.ledgerMatchesBalance(firm)).isTrue();
	}

	/** A one-page PDF of more than {@code size} bytes (random, incompressible metadata on its page). */
	private static byte[] largeDocument(int size) throws Exception {
		try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader
			.loadPDF(TestSigner.document("Grand document"))) {
			byte[] noise = new byte[size];
			new java.util.Random(1).nextBytes(noise);
			document.getPage(0)
				.setMetadata(new org.apache.pdfbox.pdmodel.common.PDMetadata(document,
						new java.io.ByteArrayInputStream(noise)));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
	}

	/** Regular files under the application's temporary directory (its uploads folder included). */
	private long files() throws Exception {
		try (Stream<Path> files = Files.walk(temporary.directory())) {
			return files.filter(Files::isRegularFile).count();
		}
	}

	private static final String BOUNDARY = "----paraphe-temporary";

	private static byte[] multipart(byte[] content, String level) throws Exception {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (level != null) {
			body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"level\"\r\n\r\n" + level + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(content);
		body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	private HttpResponse<byte[]> seal(String key, byte[] content, String level) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/seals"))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(content, level)))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Sends the first {@code length} bytes of a seal request's body and closes the connection. */
	private void hangUp(String key, byte[] body, int length) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/seals HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + key
					+ "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + body.length
					+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body, 0, length);
			out.flush();
			if (length == body.length) {
				// Wait for the answer to begin, then leave without reading it.
				socket.getInputStream().read();
			}
		}
	}

}
