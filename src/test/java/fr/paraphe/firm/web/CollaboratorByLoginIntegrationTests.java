package fr.paraphe.firm.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bug 1 of issue 14: the owner adds a collaborator on /cabinet by the login the demonstration provider knows them
 * by ({@code collab}, its {@code preferred_username}); the collaborator then logs in and has their place, and the
 * page says what recognised them. Real logins through the OpenID Connect flow.
 */
@ParapheIntegrationTest
class CollaboratorByLoginIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aCollaboratorAddedByTheirProviderLoginGetsAccessAtTheirNextLogin() {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		removeJulienIfPresent(expert);

		HttpResponse<String> added = post(expert, "/cabinet/collaborateurs", "identifiant=collab");
		assertThat(added.uri().getPath()).isEqualTo("/cabinet");
		assertThat(Jsoup.parse(added.body()).select("#flash-success").text()).isNotBlank();

		DemoLogin collab = new DemoLogin(port).loginAs("collab");
		HttpResponse<String> cabinet = collab.get("/cabinet");
		assertThat(cabinet.uri().getPath()).isEqualTo("/cabinet");
		Document page = Jsoup.parse(cabinet.body());
		assertThat(page.select("#my-firm-role").text()).isEqualTo("Collaborateur");

		Element row = julien(Jsoup.parse(expert.get("/cabinet").body()));
		assertThat(row).isNotNull();
		assertThat(row.text()).doesNotContain("en attente")
			.contains("Julien Bernard")
			.contains("identifiant Comptexpert")
			.contains("collab");

		// The delegation menu offers only what the collaborator does not hold yet (issue 14, bug 8).
		assertThat(row.select("form.grant option").eachAttr("value")).contains("SIGN");
		post(expert, row.select("form.grant").attr("action"), "delegation=SIGN");
		Element granted = julien(Jsoup.parse(expert.get("/cabinet").body()));
		assertThat(granted.select("form.grant option").eachAttr("value")).isNotEmpty().doesNotContain("SIGN");
		// Left as other tests expect Julien: without delegation.
		post(expert, granted.select("form:has([data-withdraw=SIGN])").attr("action"), "");
		assertThat(julien(Jsoup.parse(expert.get("/cabinet").body())).select("[data-withdraw]")).isEmpty();
	}

	private void removeJulienIfPresent(DemoLogin expert) {
		Element row = julien(Jsoup.parse(expert.get("/cabinet").body()));
		if (row != null) {
			String action = row.select("form:has(.remove-button)").attr("action");
			assertThat(post(expert, action, "").statusCode()).isEqualTo(200);
		}
		assertThat(julien(Jsoup.parse(expert.get("/cabinet").body()))).isNull();
	}

	private static Element julien(Document page) {
		return page.select("#members tbody tr")
			.stream()
			.filter(row -> row.text().contains("Julien Bernard") || row.attr("data-member").equals("collab")
					|| row.attr("data-member").equals("demo-collab")
					|| row.attr("data-member").equals("julien.bernard@cabinet-demo.fr"))
			.findFirst()
			.orElse(null);
	}

	private static HttpResponse<String> post(DemoLogin browser, String path, String form) {
		String body = (form.isEmpty() ? "" : form + "&") + "_csrf="
				+ URLEncoder.encode(browser.csrfToken(), StandardCharsets.UTF_8);
		return browser.send(HttpRequest.newBuilder(URI.create(browser.url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

}
