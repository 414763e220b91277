package fr.paraphe.signing.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.signing.internal.ApiKeyRing;
import fr.paraphe.signing.internal.ApiScope;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every {@code /api/v1} route Spring serves × every scope: a key with only that scope is let through exactly when
 * the route needs that scope, and is otherwise refused with 403 naming the missing scope. The expected scope of each
 * route is written here, apart from the application's table: a route this test does not know fails it.
 */
@ParapheIntegrationTest
class ApiScopesIntegrationTests {

	/** What each route needs, by "METHOD pattern"; null: a logged-in session, never a key. */
	private static final Map<String, ApiScope> EXPECTED = new java.util.HashMap<>();

	static {
		EXPECTED.put("POST /api/v1/seals", ApiScope.SEALS);
		EXPECTED.put("GET /api/v1/seals", ApiScope.SEALS);
		EXPECTED.put("GET /api/v1/seals/{id}", ApiScope.SEALS);
		EXPECTED.put("POST /api/v1/seal-jobs", ApiScope.SEALS);
		EXPECTED.put("GET /api/v1/seal-jobs/{id}", ApiScope.SEALS);
		EXPECTED.put("POST /api/v1/extensions", ApiScope.EXTENSIONS);
		EXPECTED.put("POST /api/v1/validations", ApiScope.VALIDATIONS);
		EXPECTED.put("POST /api/v1/collections", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("POST /api/v1/collections/{id}/launch", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("POST /api/v1/collections/{id}/cancel", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("GET /api/v1/collections", ApiScope.COLLECTIONS_READ);
		EXPECTED.put("GET /api/v1/collections/{id}", ApiScope.COLLECTIONS_READ);
		EXPECTED.put("GET /api/v1/collections/{id}/documents/{number}", ApiScope.COLLECTIONS_READ);
		EXPECTED.put("GET /api/v1/collections/{id}/evidence", ApiScope.COLLECTIONS_READ);
		EXPECTED.put("GET /api/v1/seal-jobs/{id}/result.zip", ApiScope.SEALS);
		EXPECTED.put("PUT /api/v1/collections/{id}", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("PATCH /api/v1/collections/{id}", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("DELETE /api/v1/collections/{id}", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("POST /api/v1/collections/{id}/duplicate", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("POST /api/v1/collections/{id}/model", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("GET /api/v1/collection-models", ApiScope.COLLECTIONS_READ);
		EXPECTED.put("GET /api/v1/collection-models/{id}", ApiScope.COLLECTIONS_READ);
		EXPECTED.put("DELETE /api/v1/collection-models/{id}", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("POST /api/v1/collection-models/{id}/collections", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("POST /api/v1/collection-batches", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("GET /api/v1/collection-batches/{id}", ApiScope.COLLECTIONS_READ);
		EXPECTED.put("POST /api/v1/collection-batches/{id}/launch", ApiScope.COLLECTIONS_WRITE);
		EXPECTED.put("GET /api/v1/webhooks", ApiScope.WEBHOOKS);
		EXPECTED.put("POST /api/v1/webhooks", ApiScope.WEBHOOKS);
		EXPECTED.put("GET /api/v1/webhooks/{id}", ApiScope.WEBHOOKS);
		EXPECTED.put("DELETE /api/v1/webhooks/{id}", ApiScope.WEBHOOKS);
		EXPECTED.put("POST /api/v1/webhooks/{id}/secret", ApiScope.WEBHOOKS);
		EXPECTED.put("GET /api/v1/webhooks/{id}/deliveries", ApiScope.WEBHOOKS);
		EXPECTED.put("POST /api/v1/webhooks/{id}/deliveries/{delivery}/resend", ApiScope.WEBHOOKS);
		EXPECTED.put("POST /api/v1/webhooks/{id}/test", ApiScope.WEBHOOKS);
		EXPECTED.put("GET /api/v1/me", null);
		EXPECTED.put("PUT /api/v1/me/preferences", null);
		EXPECTED.put("GET /api/v1/admin/users", null);
	}

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	ApiKeyRing apiKeys;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	JsonMapper json;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	fr.paraphe.terms.Terms terms;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Map<ApiScope, String> keys = new EnumMap<>(ApiScope.class);

	private User owner;

	private FirmId firm;

	@BeforeEach
	void oneKeyPerScope() {
		owner = users.recordLogin(new SsoProfile("scopes-" + UUID.randomUUID(), "Sandrine Portée", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Portée"));
		firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		terms.accept(owner.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		for (ApiScope scope : ApiScope.values()) {
			keys.put(scope, apiKeys.create(owner.id(), firm, "Seulement " + scope.code(), Set.of(scope), null).secret());
		}
	}

	@Test
	void everyRouteTimesEveryScopeIsAllowedExactlyWhenItShouldBe() throws Exception {
		List<String> routes = fr.paraphe.ApiRoutes.of(mappings);
		assertThat(routes).contains("POST /api/v1/seals", "GET /api/v1/collections/{id}/evidence");
		List<String> failures = new ArrayList<>();
		for (String route : routes) {
			if (!EXPECTED.containsKey(route)) {
				fail("The route %s has no expected scope in this test (nor, perhaps, in ApiRouteScopes)", route);
			}
			ApiScope needed = EXPECTED.get(route);
			for (ApiScope scope : ApiScope.values()) {
				HttpResponse<String> answer = send(route, keys.get(scope));
				String missing = missingScope(answer);
				if (needed == null) {
					// A session route: no key opens it.
					if (answer.statusCode() != 401 && answer.statusCode() != 403) {
						failures.add(route + " with " + scope.code() + ": " + answer.statusCode());
					}
				}
				else if (needed == scope) {
					// The key's owner has every delegation and accepted the CGU: no 403 at all (a 403 without
					// missingScope would be, e.g., the pages' CSRF check of a route the API's stateless chain misses).
					if (answer.statusCode() == 401 || answer.statusCode() == 403 || answer.statusCode() == 429
							|| answer.statusCode() >= 500) {
						failures.add(route + " with " + scope.code() + " should pass the gate: " + answer.statusCode()
								+ " " + answer.body());
					}
					if (answer.headers().firstValue("Set-Cookie").isPresent()) {
						failures.add(route + " with " + scope.code() + " opened a session: not in the API's stateless chain");
					}
				}
				else if (answer.statusCode() != 403 || !needed.code().equals(missing)) {
					failures.add(route + " with " + scope.code() + " should be 403 missing " + needed.code() + ": "
							+ answer.statusCode() + " " + answer.body());
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void theRefusalNamesTheMissingScopeAsProblemDetailsInFrench() throws Exception {
		HttpResponse<String> answer = send("POST /api/v1/collections/{id}/launch", keys.get(ApiScope.COLLECTIONS_READ));
		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				challenge -> assertThat(challenge).contains("insufficient_scope").contains("collections:write"));
		JsonNode problem = json.readTree(answer.body());
		assertThat(problem.get("status").asInt()).isEqualTo(403);
		assertThat(problem.get("missingScope").asString()).isEqualTo("collections:write");
		assertThat(problem.get("reason").asString()).isEqualTo("MISSING_SCOPE");
		assertThat(problem.get("detail").asString()).contains("n’a pas l’autorisation « collections:write »");
	}

	@Test
	void anExpiredKeyIs401AndAnUnexpiredOneWorks() throws Exception {
		ApiKeyRing.Created created = apiKeys.create(owner.id(), firm, "Éphémère", Set.of(ApiScope.COLLECTIONS_READ),
				Instant.now().plusSeconds(3600));
		String soon = created.secret();
		assertThat(send("GET /api/v1/collections", soon).statusCode()).isEqualTo(200);
		// An hour later, without waiting for it.
		jdbc.sql("UPDATE signing_api_key SET expires_at = ? WHERE id = ?")
			.params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), created.key().id())
			.update();
		HttpResponse<String> expired = send("GET /api/v1/collections", soon);
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(json.readTree(expired.body()).get("reason").asString()).isEqualTo("EXPIRED_API_KEY");
		assertThat(apiKeys.authenticate(soon)).isEmpty();
	}

	@Test
	void theLastUseIsRecordedAtMostOnceAMinute() throws Exception {
		String secret = keys.get(ApiScope.COLLECTIONS_READ);
		assertThat(apiKeys.list(owner.id(), firm).stream().filter(k -> secret.startsWith(k.prefix())).findFirst()
			.orElseThrow().lastUsedAt()).isNull();
		assertThat(send("GET /api/v1/collections", secret).statusCode()).isEqualTo(200);
		Instant first = lastUse(secret);
		assertThat(first).isNotNull();
		Thread.sleep(20);
		assertThat(send("GET /api/v1/collections", secret).statusCode()).isEqualTo(200);
		assertThat(lastUse(secret)).isEqualTo(first);
	}

	@Test
	void keysAreRefusedWithoutAScopeOrWithAPastExpiry() {
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(fr.paraphe.shared.ProblemException.class,
				() -> apiKeys.create(owner.id(), firm, "Rien", Set.of(), null)).messageKey())
			.isEqualTo("signing.apiKey.noScope");
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(fr.paraphe.shared.ProblemException.class,
				() -> apiKeys.create(owner.id(), firm, "Passée", Set.of(ApiScope.SEALS), Instant.now().minusSeconds(1)))
			.messageKey()).isEqualTo("signing.apiKey.badExpiry");
	}

	private Instant lastUse(String secret) {
		return apiKeys.list(owner.id(), firm).stream().filter(k -> secret.startsWith(k.prefix())).findFirst()
			.orElseThrow().lastUsedAt();
	}

	private String missingScope(HttpResponse<String> answer) {
		if (answer.statusCode() != 403 || answer.body().isBlank()) {
			return null;
		}
		try {
			JsonNode missing = json.readTree(answer.body()).get("missingScope");
			return missing == null ? null : missing.asString();
		}
		catch (RuntimeException notJson) {
			return null;
		}
	}

	/** The route with its path variables filled in and a small multipart body for a POST. */
	private HttpResponse<String> send(String route, String key) throws Exception {
		String method = route.substring(0, route.indexOf(' '));
		String path = route.substring(route.indexOf(' ') + 1)
			.replace("{id}", UUID.randomUUID().toString())
			.replace("{number}", "1")
			.replaceAll("\\{[^}]+}", "x");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + key)
			.header("Accept-Language", "fr");
		if (method.equals("GET")) {
			request.GET();
		}
		else {
			String boundary = "scopes" + UUID.randomUUID().toString().replace("-", "");
			String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
					+ "Content-Type: application/pdf\r\n\r\nnot a pdf\r\n--" + boundary + "--\r\n";
			request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
