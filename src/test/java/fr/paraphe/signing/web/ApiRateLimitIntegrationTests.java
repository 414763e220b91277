package fr.paraphe.signing.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each API key's rate limit, shared by two nodes on one database: the calls to either node draw on one budget, the
 * answers carry RateLimit-Policy and RateLimit, and beyond the budget the answer is 429 with Retry-After.
 */
@ParapheIntegrationTest
class ApiRateLimitIntegrationTests {

	private static fr.paraphe.SecondNode secondNode;

	@LocalServerPort
	int port;

	@Autowired
	ApiKeyRing apiKeys;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newHttpClient();

	private User owner;

	private FirmId firm;

	@BeforeAll
	static void startSecondNode() {
		secondNode = fr.paraphe.SecondNode.start();
	}

	@AfterAll
	static void stopSecondNode() {
		if (secondNode != null) {
			secondNode.close();
		}
	}

	@BeforeEach
	void aFirm() {
		owner = users.recordLogin(new SsoProfile("rate-" + UUID.randomUUID(), "Roland Débit", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Débit"));
		firm = firms.membershipOf(owner.id()).orElseThrow().firm();
	}

	@Test
	void twoNodesShareOneKeysBudget() throws Exception {
		String key = apiKeys.create(owner.id(), firm, "Quatre par minute", Set.of(ApiScope.COLLECTIONS_READ), null, 4)
			.secret();
		int second = secondNode.port();
		assertThat(second).isNotEqualTo(port);
		List<String> remaining = new ArrayList<>();
		for (int call = 0; call < 4; call++) {
			HttpResponse<String> answer = get(call % 2 == 0 ? port : second, key);
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.headers().firstValue("RateLimit-Policy")).contains("\"cle\";q=4;w=60");
			remaining.add(answer.headers().firstValue("RateLimit").orElseThrow());
		}
		assertThat(remaining).allSatisfy(value -> assertThat(value).matches("\"cle\";r=\\d+;t=\\d+"));
		assertThat(remaining).extracting(value -> value.replaceAll(".*;r=(\\d+);.*", "$1"))
			.containsExactly("3", "2", "1", "0");

		HttpResponse<String> refused = get(second, key);
		assertThat(refused.statusCode()).isEqualTo(429);
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 15L);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(refused.body());
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("reason").asString()).isEqualTo("RATE_LIMITED");
		assertThat(problem.get("detail").asString()).contains("4 requêtes par minute");
		assertThat(get(port, key).statusCode()).as("the first node refuses too").isEqualTo(429);

		// Another key of the same firm has its own budget, the configured default.
		String other = apiKeys.create(owner.id(), firm, "Par défaut", Set.of(ApiScope.COLLECTIONS_READ), null).secret();
		HttpResponse<String> fresh = get(second, other);
		assertThat(fresh.statusCode()).isEqualTo(200);
		assertThat(fresh.headers().firstValue("RateLimit-Policy"))
			.contains("\"cle\";q=" + apiKeys.defaultRatePerMinute() + ";w=60");
	}

	@Test
	void aKeysOwnLimitIsBounded() {
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(fr.paraphe.shared.ProblemException.class,
				() -> apiKeys.create(owner.id(), firm, "Trop", Set.of(ApiScope.SEALS), null,
						apiKeys.maxRatePerMinute() + 1))
			.messageKey()).isEqualTo("signing.apiKey.badRateLimit");
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(fr.paraphe.shared.ProblemException.class,
				() -> apiKeys.create(owner.id(), firm, "Zéro", Set.of(ApiScope.SEALS), null, 0))
			.messageKey()).isEqualTo("signing.apiKey.badRateLimit");
	}

	private HttpResponse<String> get(int port, String key) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/collections"))
			.header("Authorization", "Bearer " + key)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
