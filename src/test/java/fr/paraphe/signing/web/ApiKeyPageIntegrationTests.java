package fr.paraphe.signing.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.signing.ApiKeys;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The owner's page /cabinet/cles-api: a key is shown once, works, and stops working once revoked. */
@ParapheIntegrationTest
class ApiKeyPageIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiKeys apiKeys;

	@Test
	void theOwnerCreatesAKeyShownOnceAndRevokesIt() {
		DemoLogin owner = new DemoLogin(port).loginAs("expert");
		HttpResponse<String> page = owner.get("/cabinet/cles-api");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Clés API");
		// The demo set-up gives the demo firm a seal certificate.
		assertThat(Jsoup.parse(page.body()).select("#seal").text()).contains("NTRFR-732829320");

		HttpResponse<String> created = post(owner, "/cabinet/cles-api", "libelle=Logiciel+de+paie&portees=seals&portees=collections%3Aread&expiration=2099-12-31&limite=30");
		// The client follows the redirection to the page, which shows the key this once.
		assertThat(created.statusCode()).isEqualTo(200);
		Document shown = Jsoup.parse(created.body());
		String secret = shown.select("#secret").text();
		assertThat(secret).startsWith("pph_");
		assertThat(apiKeys.authenticate(secret)).isPresent();
		Document listed = Jsoup.parse(owner.get("/cabinet/cles-api").body());
		assertThat(listed.select("#keys .scopes").first().text()).isEqualTo("seals collections:read");
		assertThat(listed.select("#keys .expires").first().text()).isEqualTo("01/01/2100 00:00");
		assertThat(listed.select("#keys .rate").first().text()).isEqualTo("30");
		// The owner ticks nothing: no key, a French explanation.
		Document none = Jsoup.parse(post(owner, "/cabinet/cles-api", "libelle=Sans+rien").body());
		assertThat(none.select("#flash-failure").text()).contains("au moins une autorisation");
		assertThat(none.select("#secret")).isEmpty();
		assertThat(Jsoup.parse(owner.get("/cabinet/cles-api").body()).select("#secret")).isEmpty();

		String revokeAction = Jsoup.parse(owner.get("/cabinet/cles-api").body())
			.select("#keys form")
			.first()
			.attr("action");
		assertThat(post(owner, revokeAction, "x=1").statusCode()).isEqualTo(200);
		assertThat(apiKeys.authenticate(secret)).isEmpty();
	}

	@Test
	void aCollaboratorHasNoAccess() {
		HttpResponse<String> collaborator = new DemoLogin(port).loginAs("collab").get("/cabinet/cles-api");
		assertThat(collaborator.statusCode()).isIn(403, 404);
	}

	private static HttpResponse<String> post(DemoLogin browser, String path, String form) {
		return browser.send(HttpRequest.newBuilder(URI.create(browser.url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + browser.csrfToken())));
	}

}
