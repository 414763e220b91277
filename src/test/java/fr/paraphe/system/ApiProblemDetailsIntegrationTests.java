package fr.paraphe.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API error is RFC 9457 problem details, in French, with nothing of the server's insides.
 */
@ParapheIntegrationTest
class ApiProblemDetailsIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Test
	void unauthenticatedIs401() {
		HttpResponse<String> response = new DemoLogin(port).get("/api/v1/me");

		assertProblem(response, 401, "Authentification requise");
	}

	@Test
	void forbiddenIs403() {
		HttpResponse<String> response = new DemoLogin(port).loginAs("collab").get("/api/v1/admin/users");

		assertProblem(response, 403, "Accès refusé");
	}

	@Test
	void theAdministratorIsAllowedWhereTheCollaboratorIsNot() {
		HttpResponse<String> response = new DemoLogin(port).loginAs("admin").get("/api/v1/admin/users");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).findValuesAsString("subject")).contains("demo-admin");
	}

	@Test
	void unknownResourceIs404() {
		HttpResponse<String> response = new DemoLogin(port).loginAs("expert").get("/api/v1/no-such-thing");

		JsonNode problem = assertProblem(response, 404, "Page introuvable");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/no-such-thing");
	}

	@Test
	void wrongMethodIs405WithAllow() {
		HttpResponse<String> response = new DemoLogin(port).loginAs("expert").get("/api/v1/me/preferences");

		assertProblem(response, 405, "Méthode non autorisée");
		assertThat(response.headers().firstValue("Allow")).hasValue("PUT");
	}

	@Test
	void malformedJsonIs400() {
		DemoLogin browser = new DemoLogin(port).loginAs("expert");

		HttpResponse<String> response = putPreferences(browser, "{\"language\": ");

		JsonNode problem = assertProblem(response, 400, "Requête incorrecte");
		assertThat(problem.get("detail").asString()).contains("JSON");
	}

	@Test
	void invalidValueIs400NamingTheField() {
		DemoLogin browser = new DemoLogin(port).loginAs("expert");

		HttpResponse<String> response = putPreferences(browser, "{\"language\": \"de\"}");

		JsonNode problem = assertProblem(response, 400, "Requête incorrecte");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("language");
	}

	@Test
	void wrongContentTypeIs415() {
		DemoLogin browser = new DemoLogin(port).loginAs("expert");

		HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(browser.url("/api/v1/me/preferences")))
			.header("Content-Type", "text/plain")
			.header("X-CSRF-TOKEN", browser.csrfToken())
			.PUT(HttpRequest.BodyPublishers.ofString("language=en")));

		assertProblem(response, 415, "Format non pris en charge");
	}

	@Test
	void aValidChangeIsAccepted() {
		DemoLogin browser = new DemoLogin(port).loginAs("collab");

		HttpResponse<String> response = putPreferences(browser, "{\"language\": \"en\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("language").asString()).isEqualTo("en");
		putPreferences(browser, "{\"language\": \"fr\"}");
	}

	@Test
	void aStateChangeWithoutCsrfTokenIs403() {
		DemoLogin browser = new DemoLogin(port).loginAs("expert");

		HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(browser.url("/api/v1/me/preferences")))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"language\": \"en\"}")));

		assertProblem(response, 403, "Accès refusé");
	}

	private static HttpResponse<String> putPreferences(DemoLogin browser, String body) {
		return browser.send(HttpRequest.newBuilder(URI.create(browser.url("/api/v1/me/preferences")))
			.header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", browser.csrfToken())
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	static JsonNode assertProblem(HttpResponse<String> response, int status, String title) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		try {
			JsonNode problem = JSON.readTree(response.body());
			assertThat(problem.get("status").asInt()).isEqualTo(status);
			assertThat(problem.get("title").asString()).isEqualTo(title);
			assertThat(problem.get("detail").asString()).isNotBlank();
			assertThat(response.body()).doesNotContain("Exception", "trace", "\tat ", "org.springframework");
			return problem;
		}
		catch (tools.jackson.core.JacksonException e) {
			throw new AssertionError("Not JSON: " + response.body(), e);
		}
	}

}
