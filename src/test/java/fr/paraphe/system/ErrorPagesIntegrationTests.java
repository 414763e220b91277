package fr.paraphe.system;

import java.net.http.HttpResponse;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTML routes answer errors with a page in the user's language, never a stack trace.
 */
@ParapheIntegrationTest
class ErrorPagesIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void unknownPageIsAFrench404() {
		HttpResponse<String> response = new DemoLogin(port).loginAs("expert").get("/nulle-part");

		assertThat(response.statusCode()).isEqualTo(404);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select("#error-title").text()).isEqualTo("Page introuvable");
		assertThat(page.select("html").attr("lang")).isEqualTo("fr");
		assertThat(response.body()).doesNotContain("Exception", "Whitelabel", "\tat ");
	}

	@Test
	void theErrorPageFollowsTheChosenLanguage() {
		DemoLogin browser = new DemoLogin(port).loginAs("expert");
		browser.get("/?lang=en");

		Document page = Jsoup.parse(browser.get("/nulle-part").body());

		assertThat(page.select("#error-title").text()).isEqualTo("Not found");
		assertThat(page.select("html").attr("lang")).isEqualTo("en");
	}

	@Test
	void anUnsupportedLanguageIsIgnored() {
		DemoLogin browser = new DemoLogin(port);

		Document page = Jsoup.parse(browser.get("/?lang=xx").body());

		assertThat(page.select("html").attr("lang")).isEqualTo("fr");
	}

	@Test
	void aRejectedRequestIsA400NotA500() {
		HttpResponse<String> response = new DemoLogin(port).get("/a;jsessionid=x/..;/b");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception", "\tat ");
	}

	@Test
	void malformedMultipartOnAPageIsAFrench400NotA500() {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		String boundary = "----paraphe" + java.util.UUID.randomUUID();
		String unclosed = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n%PDF-1.7 no closing boundary";
		for (String contentType : new String[] { "multipart/form-data; boundary=" + boundary, "multipart/form-data" }) {
			HttpResponse<String> response = expert.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(expert.url("/cachet")))
				.header("Content-Type", contentType)
				.header("X-CSRF-TOKEN", expert.csrfToken())
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(unclosed)));

			assertThat(response.statusCode()).as(contentType).isEqualTo(400);
			Document page = Jsoup.parse(response.body());
			assertThat(page.select("h1").text()).isEqualTo("Requête incorrecte");
			assertThat(response.body()).doesNotContain("Exception", "\tat ");
		}
	}

	@Test
	void tomcatsOwnRejectionIsInFrench() throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

			assertThat(response).startsWith("HTTP/1.1 400");
			assertThat(response).contains("Requête incorrecte").doesNotContain("Apache Tomcat", "HTTP Status");
		}
	}

	@Test
	void aLoginRefusalIsExplainedInFrench() {
		Document page = Jsoup.parse(new DemoLogin(port).get("/connexion?erreur=unknown_role").body());
		assertThat(page.select("[role=alert]").text()).contains("rôle reconnu");

		Document forged = Jsoup.parse(new DemoLogin(port).get("/connexion?erreur=%3Cscript%3E").body());
		assertThat(forged.select("[role=alert]").text()).isEqualTo("La connexion a échoué. Veuillez réessayer.");
	}

}
