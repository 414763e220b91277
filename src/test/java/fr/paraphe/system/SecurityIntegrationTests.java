package fr.paraphe.system;

import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers, cookies, CSRF, logout and the actuator's access rules, over real HTTP.
 */
@ParapheIntegrationTest
class SecurityIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void pagesCarryAStrictContentSecurityPolicy() {
		HttpResponse<String> page = new DemoLogin(port).get("/");

		String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		// No inline script to allow: every <script> has a src.
		assertThat(Jsoup.parse(page.body()).select("script:not([src])")).isEmpty();
	}

	@Test
	void theProviderPagesAreProtectedToo() {
		HttpResponse<String> page = new DemoLogin(port).get("/oauth2/authorization/comptexpert");

		assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
		assertThat(Jsoup.parse(page.body()).select("script:not([src])")).isEmpty();
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSite() {
		DemoLogin browser = new DemoLogin(port);
		HttpResponse<String> response = browser.get("/oauth2/authorization/comptexpert");
		List<String> setCookies = response.previousResponse()
			.map(previous -> previous.headers().allValues("Set-Cookie"))
			.orElse(List.of());
		assertThat(setCookies).anySatisfy(cookie -> assertThat(cookie).startsWith("PARAPHE_SESSION=")
			.contains("HttpOnly")
			.containsIgnoringCase("SameSite=Lax"));
	}

	@Test
	void logoutEndsTheSessionOnTheServer() {
		DemoLogin browser = new DemoLogin(port).loginAs("expert");
		HttpCookie session = browser.cookies()
			.getCookieStore()
			.get(URI.create(browser.url("/")))
			.stream()
			.filter(c -> c.getName().equals("PARAPHE_SESSION"))
			.findFirst()
			.orElseThrow();
		String csrf = browser.csrfToken();

		HttpResponse<String> loggedOut = browser.send(HttpRequest.newBuilder(URI.create(browser.url("/deconnexion")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)));
		assertThat(loggedOut.uri().getPath()).isEqualTo("/deconnexion/ok");
		assertThat(Jsoup.parse(loggedOut.body()).select("h1").text()).isEqualTo("Vous êtes déconnecté");

		// Replaying the old session cookie after logout gets nothing.
		DemoLogin replay = new DemoLogin(port);
		HttpResponse<String> me = replay.send(HttpRequest.newBuilder(URI.create(replay.url("/api/v1/me")))
			.header("Cookie", "PARAPHE_SESSION=" + session.getValue())
			.GET());
		assertThat(me.statusCode()).isEqualTo(401);
	}

	@Test
	void logoutWithoutCsrfTokenIsRefused() {
		DemoLogin browser = new DemoLogin(port).loginAs("expert");

		HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(browser.url("/deconnexion")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("")));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(browser.get("/api/v1/me").statusCode()).isEqualTo(200);
	}

	@Test
	void healthIsPublic() {
		HttpResponse<String> health = new DemoLogin(port).get("/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void prometheusMetricsAreForAdministratorsOnly() {
		assertThat(new DemoLogin(port).get("/actuator/prometheus").statusCode()).isEqualTo(401);
		assertThat(new DemoLogin(port).loginAs("expert").get("/actuator/prometheus").statusCode()).isEqualTo(403);

		HttpResponse<String> metrics = new DemoLogin(port).loginAs("admin").get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests");
	}

	@Test
	void aProtectedPageSendsAnonymousVisitorsToTheLoginPage() {
		HttpResponse<String> page = new DemoLogin(port).get("/some/page");

		assertThat(page.uri().getPath()).isEqualTo("/connexion");
		assertThat(Jsoup.parse(page.body()).select("#comptexpert-login").text()).isEqualTo("Se connecter avec Comptexpert");
	}

}
