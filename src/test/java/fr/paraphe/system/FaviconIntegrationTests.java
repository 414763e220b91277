package fr.paraphe.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import fr.paraphe.ParapheIntegrationTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Bug 8 of issue 14: /favicon.ico answered 404; now an icon, named by every page. */
@ParapheIntegrationTest
class FaviconIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void theIconIsServedAndNamedByThePages() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<byte[]> icon = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/favicon.ico")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(icon.statusCode()).isEqualTo(200);
		assertThat(icon.body()).startsWith(0, 0, 1, 0);
		HttpResponse<String> svg = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/favicon.svg")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(svg.statusCode()).isEqualTo(200);
		assertThat(svg.body()).contains("<svg");

		String home = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		assertThat(Jsoup.parse(home).select("link[rel=icon]").eachAttr("href")).contains("/favicon.ico", "/favicon.svg");
	}

}
