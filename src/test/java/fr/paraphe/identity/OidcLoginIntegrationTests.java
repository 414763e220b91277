package fr.paraphe.identity;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole "Se connecter avec Comptexpert" flow over real HTTP: application → demonstration provider's login
 * page → credentials → authorization code → token exchange → home page, with the claims mapped to a local user.
 */
@ParapheIntegrationTest
class OidcLoginIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@Test
	void expertComptableLandsOnTheHomePageWithTheirFirmAndRole() {
		HttpResponse<String> home = new DemoLogin(port).login("expert", "demo");

		assertThat(home.uri()).hasToString("http://localhost:" + port + "/");
		Document page = Jsoup.parse(home.body());
		assertThat(page.select("html").attr("lang")).isEqualTo("fr");
		assertThat(page.select("#user-name").text()).isEqualTo("Claire Martin");
		assertThat(page.select("#user-email").text()).isEqualTo("claire.martin@cabinet-demo.fr");
		assertThat(page.select("#user-role").text()).isEqualTo("Expert-comptable");
		assertThat(page.select("#firm-name").text()).isEqualTo("Cabinet Démo");
		assertThat(page.select("#firm-siren").text()).isEqualTo("732 829 320");

		User stored = users.findBySubject("demo-expert").orElseThrow();
		assertThat(stored.role()).isEqualTo(Role.EXPERT_COMPTABLE);
		assertThat(stored.firmSiren().value()).isEqualTo("732829320");
		assertThat(stored.firmName()).isEqualTo("Cabinet Démo");
		assertThat(stored.displayName()).isEqualTo("Claire Martin");
	}

	@Test
	void eachDemonstrationAccountGetsItsRole() {
		assertThat(roleShownFor("collab")).isEqualTo("Collaborateur");
		assertThat(roleShownFor("officier")).isEqualTo("Officier d’enregistrement");
		assertThat(roleShownFor("admin")).isEqualTo("Administrateur de la plateforme");
		assertThat(users.findBySubject("demo-officier").orElseThrow().firmSiren()).isNull();
	}

	@Test
	void aWrongPasswordStaysOnTheProviderWithAnError() {
		HttpResponse<String> page = new DemoLogin(port).login("expert", "not-the-password");

		assertThat(page.uri().toString()).startsWith("http://127.0.0.1:" + port + "/idp/login?error");
		assertThat(Jsoup.parse(page.body()).select("[role=alert]").text()).contains("incorrect");
	}

	@Test
	void theProviderLoginPageSaysItIsADemonstration() {
		HttpResponse<String> page = new DemoLogin(port).get("/oauth2/authorization/comptexpert");

		assertThat(Jsoup.parse(page.body()).select("#demo-banner").text()).contains("démonstration");
	}

	@Test
	void theProvidersLoginIsNotTheApplicationsLogin() {
		DemoLogin browser = new DemoLogin(port);
		HttpResponse<String> loginPage = browser.get("/oauth2/authorization/comptexpert");
		String csrf = Jsoup.parse(loginPage.body()).select("input[name=_csrf]").attr("value");
		// The provider's session lives on 127.0.0.1; the application's on localhost.
		browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/idp/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=admin&password=demo&_csrf=" + csrf)));

		assertThat(browser.get("/api/v1/me").statusCode()).isEqualTo(200);
		// The same session cookie on the provider's host carries the provider's login, never the application's.
		assertThat(browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me")).GET())
			.statusCode()).isEqualTo(401);
	}

	private String roleShownFor(String username) {
		HttpResponse<String> home = new DemoLogin(port).login(username, "demo");
		return Jsoup.parse(home.body()).select("#user-role").text();
	}

}
