package fr.paraphe.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the production profile's settings, X-Forwarded-Host, -Proto and -For are believed only from the proxies
 * configured in {@code server.tomcat.remoteip.internal-proxies}: a client that reaches the application from
 * another address (here 127.0.0.1, which Tomcat's default list trusts) steers no redirect and escapes no
 * per-address limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(locations = "classpath:application-prod.properties",
		properties = { "paraphe.validation.rate-limit-per-minute=1", "server.servlet.session.cookie.secure=false",
				"paraphe.public-base-url=http://localhost:8080" })
class ForwardedHeadersIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void aSpoofedForwardedHostFromAnUnlistedAddressSteersNoRedirect() throws Exception {
		HttpResponse<Void> response = spoofed("/cabinet", "203.0.113.7");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("evil.example")
			.startsWith("http://localhost:" + port + "/");
	}

	@Test
	void aSpoofedForwardedForFromAnUnlistedAddressEscapesNoPerAddressLimit() throws Exception {
		send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/validations"))
			.header("X-Forwarded-For", randomAddress())
			.header("Content-Type", "application/pdf")
			.POST(HttpRequest.BodyPublishers.ofString("not a pdf")));
		HttpResponse<Void> second = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/validations"))
			.header("X-Forwarded-For", randomAddress())
			.header("Content-Type", "application/pdf")
			.POST(HttpRequest.BodyPublishers.ofString("not a pdf")));

		assertThat(second.statusCode()).isEqualTo(429);
	}

	/** The same request through a configured proxy: then the forwarded host is the public one. */
	@Nested
	@TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1")
	class FromAConfiguredProxy {

		@Test
		void theForwardedHostIsBelieved() throws Exception {
			HttpResponse<Void> response = spoofed("/cabinet", "203.0.113.7");

			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith("https://evil.example/");
		}

	}

	private HttpResponse<Void> spoofed(String path, String forwardedFor) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-For", forwardedFor)
			.GET());
	}

	private HttpResponse<Void> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
	}

	private static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

}
