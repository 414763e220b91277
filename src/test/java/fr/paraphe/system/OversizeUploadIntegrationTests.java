package fr.paraphe.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpCookie;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bug 3 of issue 14: an upload over 50 MB got Tomcat's English "HTTP Status 413" page, a 290-line ERROR stack trace
 * in the log, and on the API a 413 without a body. Now the French page or problem details, decided from
 * Content-Length before the body is read (the test sends only the headers and a few bytes of a body it announces
 * at 60 MB), and for a chunked body without Content-Length when the parser passes the limit.
 */
@ParapheIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OversizeUploadIntegrationTests {

	private static final long ANNOUNCED = 60L * 1024 * 1024;

	private static final String BOUNDARY = "----paraphe413";

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/signer", "/cachet" })
	void aPageUploadAnnouncedOverTheLimitGetsTheFrenchPageBeforeItsBodyIsSent(String path, CapturedOutput log)
			throws IOException {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");

		Answer answer = announce(path, session(expert), expert.csrfToken(), "text/html");

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.body()).contains("Fichier trop volumineux").contains("50 Mo").doesNotContain("HTTP Status");
		assertThat(answer.bodySentBeforeAnswer()).isLessThan(1024 * 1024);
		assertNoStackTrace(log);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/seals", "/api/v1/extensions", "/api/v1/validations" })
	void anApiUploadAnnouncedOverTheLimitGetsProblemDetailsWithABody(String path, CapturedOutput log)
			throws IOException {
		Answer answer = announce(path, null, null, "application/json");

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.headers()).containsIgnoringCase("content-type: application/problem+json");
		assertThat(answer.body()).contains("\"status\":413").contains("50 Mo");
		assertNoStackTrace(log);
	}

	@Test
	void aChunkedUploadWithoutLengthThatPassesTheLimitGetsTheFrenchPage(CapturedOutput log) throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /cachet HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\nCookie: "
					+ session(expert) + "\r\nX-CSRF-TOKEN: " + expert.csrfToken()
					+ "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
					+ "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			AtomicLong sent = new AtomicLong();
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				try {
					chunk(out, ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
							+ "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n").getBytes(StandardCharsets.US_ASCII));
					byte[] block = new byte[64 * 1024];
					while (sent.addAndGet(block.length) < 70L * 1024 * 1024) {
						chunk(out, block);
					}
					out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException closedByTheServer) {
					// Expected once the server has answered.
				}
			});
			Answer answer = read(socket.getInputStream(), sent);
			writer.get(60, TimeUnit.SECONDS);

			assertThat(answer.status()).isEqualTo(413);
			assertThat(answer.body()).contains("Fichier trop volumineux").contains("50 Mo");
		}
		assertNoStackTrace(log);
	}

	/**
	 * Parts up to spring.servlet.multipart.file-size-threshold (32 KB) stay in memory (a bulk seal job's 1,000 small
	 * PDFs no longer become 1,000 temporary files): a chunked body to the bulk sealing API made of a thousand such
	 * parts (31 MB in memory) and one large part (on disk) that together pass the 51 MB limit still gets a 413 with
	 * problem details, not a 500 nor an OutOfMemoryError, and the node answers the next request.
	 */
	@Test
	void aChunkedApiUploadOfManySmallPartsAndOneLargeOverTheLimitGetsProblemDetails(CapturedOutput log)
			throws Exception {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/seal-jobs HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: application/json"
					+ "\r\nAuthorization: Bearer pph_notarealkeybutthesizecomesfirst\r\nContent-Type: multipart/form-data; boundary="
					+ BOUNDARY + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			AtomicLong sent = new AtomicLong();
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				try {
					byte[] small = new byte[31 * 1024];
					for (int i = 0; i < 1000; i++) {
						chunk(out, ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"petit-" + i
								+ ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n").getBytes(StandardCharsets.US_ASCII));
						chunk(out, small);
						chunk(out, "\r\n".getBytes(StandardCharsets.US_ASCII));
						sent.addAndGet(small.length);
					}
					chunk(out, ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"grand.pdf\""
							+ "\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n").getBytes(StandardCharsets.US_ASCII));
					byte[] block = new byte[64 * 1024];
					while (sent.addAndGet(block.length) < 60L * 1024 * 1024) {
						chunk(out, block);
					}
					chunk(out, ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
					out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException closedByTheServer) {
					// Expected once the server has answered.
				}
			});
			Answer answer = read(socket.getInputStream(), sent);
			writer.get(60, TimeUnit.SECONDS);

			assertThat(answer.status()).as(answer.headers() + answer.body()).isEqualTo(413);
			assertThat(answer.headers()).containsIgnoringCase("content-type: application/problem+json");
			assertThat(answer.body()).contains("\"status\":413").contains("50 Mo");
		}
		Answer next = announce("/api/v1/seals", null, null, "application/json");
		assertThat(next.status()).isEqualTo(413);
		assertNoStackTrace(log);
	}

	private Answer announce(String path, String cookie, String csrf, String accept) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
			head.append("Accept: ").append(accept).append("\r\n");
			if (cookie != null) {
				head.append("Cookie: ").append(cookie).append("\r\n");
			}
			else {
				head.append("Authorization: Bearer pph_notarealkeybutthesizecomesfirst\r\n");
			}
			head.append("Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n");
			head.append("Content-Length: ").append(ANNOUNCED).append("\r\n\r\n");
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			String start = (csrf == null ? "" : "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
					+ csrf + "\r\n") + "--" + BOUNDARY
					+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n";
			out.write(start.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// Nothing more is sent: the answer must come from the announced length alone.
			return read(socket.getInputStream(), new AtomicLong(start.length()));
		}
	}

	private static void chunk(OutputStream out, byte[] data) throws IOException {
		out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(data);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	private static Answer read(InputStream in, AtomicLong sent) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long sentBeforeAnswer = -1;
		int n;
		try {
			while ((n = in.read(buffer)) > 0) {
				if (sentBeforeAnswer < 0) {
					sentBeforeAnswer = sent.get();
				}
				bytes.write(buffer, 0, n);
				if (bytes.toString(StandardCharsets.UTF_8).contains("</html>")
						|| bytes.toString(StandardCharsets.UTF_8).matches("(?s).*\\}\\s*(0\\r\\n\\r\\n)?$")) {
					break;
				}
			}
		}
		catch (IOException reset) {
			// The server may close the connection after answering.
		}
		String text = bytes.toString(StandardCharsets.UTF_8);
		int split = text.indexOf("\r\n\r\n");
		String headers = split < 0 ? text : text.substring(0, split);
		String body = split < 0 ? "" : text.substring(split + 4);
		int status = headers.startsWith("HTTP/1.1 ") ? Integer.parseInt(headers.substring(9, 12)) : -1;
		return new Answer(status, headers, body, sentBeforeAnswer);
	}

	private static String session(DemoLogin browser) {
		return browser.cookies()
			.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals("PARAPHE_SESSION") && cookie.getDomain() != null
					&& cookie.getDomain().startsWith("localhost") || cookie.getName().equals("PARAPHE_SESSION"))
			.map(HttpCookie::toString)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * No trace of the refused upload in the log: neither the servlet's ERROR with its stack trace nor the parser's
	 * exceptions. (The captured output also holds other contexts' background threads, so the check names the
	 * upload's own traces rather than any ERROR line.)
	 */
	private static void assertNoStackTrace(CapturedOutput log) {
		assertThat(log.getOut() + log.getErr()).doesNotContain("Servlet.service()")
			.doesNotContain("SizeLimitExceededException")
			.doesNotContain("FileSizeLimitExceededException")
			.doesNotContain("MaxUploadSizeExceededException")
			.doesNotContain("Cannot call sendError()")
			.doesNotContain("HTTP Status 413");
	}

	private record Answer(int status, String headers, String body, long bodySentBeforeAnswer) {
	}

}
