package fr.paraphe.webhook.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.webhook.WebhookReceiver;
import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.GuardedHttp;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.ApiKeys;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /api/v1/webhooks} and {@code /cabinet/webhooks}: registration, rotation, log; SSRF refusals in French
 * problem details and on the page; another firm's endpoints and logs are 404.
 */
@ParapheIntegrationTest
class WebhookApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	ApiKeys apiKeys;

	@Autowired
	Webhooks webhooks;

	@Autowired
	JsonMapper json;

	@Autowired
	WebhookProperties properties;

	@Autowired
	ApplicationContext context;

	final HttpClient http = HttpClient.newHttpClient();

	record Firm(User owner, FirmId id, String key) {
	}

	Firm firm() {
		User owner = users.recordLogin(new SsoProfile("hook-api-" + UUID.randomUUID(), "Hugo Hook",
				"hugo-" + UUID.randomUUID() + "@cabinet.example", Role.EXPERT_COMPTABLE, TestSirens.random(),
				"Cabinet Hameçon"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		return new Firm(owner, firm, apiKeys.create(owner.id(), firm, "Webhooks").secret());
	}

	HttpResponse<String> call(String key, String method, String path, Object body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept-Language", "fr");
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(
						body instanceof String text ? text : json.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	static void assertProblem(HttpResponse<String> response, int status, String detailContains) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		if (detailContains != null) {
			assertThat(response.body()).contains(detailContains);
		}
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at fr.paraphe");
	}

	@Test
	void theApiRegistersListsRotatesAndDeletesEndpoints() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			Firm firm = firm();
			HttpResponse<String> created = call(firm.key(), "POST", "/api/v1/webhooks",
					Map.of("url", receiver.url("/hooks"), "description", "Logiciel de paie", "eventTypes",
							List.of("collection.completed", "seal.created")));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			JsonNode endpoint = json.readTree(created.body());
			String id = endpoint.get("id").asString();
			assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/webhooks/" + id);
			assertThat(endpoint.get("secret").asString()).startsWith("whsec_");
			assertThat(endpoint.get("enabled").asBoolean()).isTrue();

			JsonNode list = json.readTree(call(firm.key(), "GET", "/api/v1/webhooks", null).body());
			assertThat(list).hasSize(1);
			assertThat(list.get(0).has("secret")).as("a secret is shown once").isFalse();
			assertThat(json.readTree(call(firm.key(), "GET", "/api/v1/webhooks/" + id, null).body()).get("url").asString())
				.isEqualTo(receiver.url("/hooks"));

			HttpResponse<String> rotated = call(firm.key(), "POST", "/api/v1/webhooks/" + id + "/secret", null);
			assertThat(rotated.statusCode()).isEqualTo(200);
			JsonNode rotatedBody = json.readTree(rotated.body());
			assertThat(rotatedBody.get("secret").asString()).startsWith("whsec_")
				.isNotEqualTo(endpoint.get("secret").asString());
			assertThat(rotatedBody.get("previousSecretUntil").isNull()).isFalse();

			HttpResponse<String> test = call(firm.key(), "POST", "/api/v1/webhooks/" + id + "/test", null);
			assertThat(test.statusCode()).isEqualTo(202);
			String deliveryId = json.readTree(test.body()).get("id").asString();
			assertThat(deliveryId).startsWith("msg_");
			JsonNode log = json.readTree(call(firm.key(), "GET", "/api/v1/webhooks/" + id + "/deliveries", null).body());
			assertThat(log).hasSize(1);
			assertThat(log.get(0).get("type").asString()).isEqualTo("webhook.test");
			assertThat(log.get(0).get("status").asString()).isEqualTo("PENDING");
			assertThat(call(firm.key(), "POST", "/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/resend", null)
				.statusCode()).isEqualTo(202);

			assertProblem(call(firm.key(), "POST", "/api/v1/webhooks",
					Map.of("url", receiver.url("/x"), "eventTypes", List.of("seal.nope"))), 400,
					"Un des événements choisis n’existe pas");
			assertProblem(call(firm.key(), "POST", "/api/v1/webhooks", Map.of("url", receiver.url("/x"))), 400,
					"Choisissez au moins un événement");
			assertProblem(call(firm.key(), "POST", "/api/v1/webhooks",
					Map.of("url", "ftp://example.org/", "eventTypes", List.of("seal.created"))), 400, null);
			HttpResponse<String> malformed = call(firm.key(), "POST", "/api/v1/webhooks", "{not json");
			assertThat(malformed.statusCode()).isEqualTo(400);
			assertProblem(call(null, "GET", "/api/v1/webhooks", null), 401, null);
			assertProblem(call("pph_faux", "GET", "/api/v1/webhooks", null), 401, null);

			assertThat(call(firm.key(), "DELETE", "/api/v1/webhooks/" + id, null).statusCode()).isEqualTo(204);
			assertProblem(call(firm.key(), "GET", "/api/v1/webhooks/" + id, null), 404, null);
			assertThat(json.readTree(call(firm.key(), "GET", "/api/v1/webhooks", null).body())).isEmpty();
		}
	}

	@Test
	void privateLoopbackAndLinkLocalAddressesAreRefusedInFrench() throws Exception {
		Firm firm = firm();
		List<String> urls = new ArrayList<>(List.of("http://127.0.0.1:8080/hooks", "http://10.1.2.3/hooks",
				"https://10.0.0.1/hooks", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/hooks",
				"http://192.168.1.10/hooks", "http://[fd00::1]/hooks", "http://100.64.0.1/", "http://0.0.0.0/"));
		// A host name that resolves to a private address (this machine's name, 127.0.x.x in /etc/hosts here)
		String hostname = InetAddress.getLocalHost().getHostName();
		if (!GuardedHttp.isPublic(InetAddress.getByName(hostname)) && !hostname.equalsIgnoreCase("localhost")) {
			urls.add("http://" + hostname + ":8080/hooks");
		}
		for (String url : urls) {
			assertProblem(call(firm.key(), "POST", "/api/v1/webhooks",
					Map.of("url", url, "eventTypes", List.of("seal.created"))), 400,
					"Cette adresse mène à un réseau privé, local ou réservé");
			assertThatThrownBy(() -> webhooks.register(firm.owner().id(), firm.id(), url, null, List.of("seal.created")))
				.as(url)
				.isInstanceOfSatisfying(ProblemException.class,
						refused -> assertThat(refused.messageKey()).isEqualTo("webhook.error.privateAddress"));
		}
		assertProblem(call(firm.key(), "POST", "/api/v1/webhooks",
				Map.of("url", "http://pas-un-domaine.invalid/hooks", "eventTypes", List.of("seal.created"))), 400,
				"introuvable");
		assertThat(webhooks.endpoints(firm.owner().id(), firm.id())).isEmpty();
	}

	@Test
	void outsideTheDefaultProfileOnlyHttpsIsAccepted() {
		Firm firm = firm();
		WebhookProperties strict = new WebhookProperties(true, List.of(), properties.timeout(),
				properties.secretOverlap(), properties.retryFor(), properties.firstRetry(), properties.maxRetryDelay(),
				false, properties.pollInterval(), 10, 1, properties.lease());
		Webhooks production = Workers.webhooks(context, strict, Workers.worker(context, strict));
		assertThatThrownBy(() -> production.register(firm.owner().id(), firm.id(), "http://example.org/hooks", null,
				List.of("seal.created")))
			.isInstanceOfSatisfying(ProblemException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("webhook.error.httpsOnly"));
		assertThatThrownBy(() -> production.register(firm.owner().id(), firm.id(), "https://localhost/hooks", null,
				List.of("seal.created")))
			.isInstanceOfSatisfying(ProblemException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("webhook.error.privateAddress"));
	}

	@Test
	void theAddressIsCheckedAgainAtEachDelivery() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			Firm firm = firm();
			Webhooks.Registered endpoint = webhooks.register(firm.owner().id(), firm.id(), receiver.url("/rebound"),
					null, List.of("seal.created"));
			webhooks.sendTest(firm.owner().id(), firm.id(), endpoint.endpoint().id());
			// A node whose allow-list no longer names localhost: the delivery is refused before any connection.
			WebhookProperties strict = new WebhookProperties(false, List.of(), Duration.ofSeconds(1),
					properties.secretOverlap(), properties.retryFor(), properties.firstRetry(),
					properties.maxRetryDelay(), false, properties.pollInterval(), 10, 1, properties.lease());
			Workers.worker(context, strict).deliverDue();
			Delivery refused = webhooks.deliveries(firm.owner().id(), firm.id(), endpoint.endpoint().id()).get(0);
			assertThat(refused.status()).isEqualTo("PENDING");
			assertThat(refused.lastError()).startsWith("REFUSED_ADDRESS");
			assertThat(receiver.received()).isEmpty();
			webhooks.delete(firm.owner().id(), firm.id(), endpoint.endpoint().id());
		}
	}

	@Test
	void anotherFirmsEndpointsAndLogsAre404() throws Exception {
		Firm mine = firm();
		Firm other = firm();
		Webhooks.Registered theirs = webhooks.register(other.owner().id(), other.id(), "http://localhost:9/hooks", null,
				List.of("seal.created"));
		Delivery theirDelivery = webhooks.sendTest(other.owner().id(), other.id(), theirs.endpoint().id());
		String path = "/api/v1/webhooks/" + theirs.endpoint().id();
		assertProblem(call(mine.key(), "GET", path, null), 404, "Adresse de webhook introuvable");
		assertProblem(call(mine.key(), "GET", path + "/deliveries", null), 404, null);
		assertProblem(call(mine.key(), "POST", path + "/secret", null), 404, null);
		assertProblem(call(mine.key(), "POST", path + "/test", null), 404, null);
		assertProblem(call(mine.key(), "POST", path + "/deliveries/" + theirDelivery.webhookId() + "/resend", null), 404,
				null);
		assertProblem(call(mine.key(), "DELETE", path, null), 404, null);
		assertProblem(call(mine.key(), "GET", "/api/v1/webhooks/pas-un-id", null), 404, null);
		assertThat(json.readTree(call(mine.key(), "GET", "/api/v1/webhooks", null).body())).isEmpty();
		// Still there for its own firm
		assertThat(webhooks.endpoint(other.owner().id(), other.id(), theirs.endpoint().id())).isNotNull();
		assertThat(webhooks.deliveries(other.owner().id(), other.id(), theirs.endpoint().id())).hasSize(1);

		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		assertThat(expert.get("/cabinet/webhooks/" + theirs.endpoint().id()).statusCode()).isEqualTo(404);
		HttpResponse<String> resend = post(expert, "/cabinet/webhooks/" + theirs.endpoint().id() + "/livraisons/"
				+ theirDelivery.id() + "/renvoi", "");
		assertThat(resend.statusCode()).isEqualTo(404);
		assertThat(post(expert, "/cabinet/webhooks/" + theirs.endpoint().id() + "/suppression", "").statusCode())
			.isEqualTo(404);
		assertThat(webhooks.endpoint(other.owner().id(), other.id(), theirs.endpoint().id())).isNotNull();
		assertThat(new DemoLogin(port).loginAs("collab").get("/cabinet/webhooks").statusCode()).isIn(403, 404);
		webhooks.delete(other.owner().id(), other.id(), theirs.endpoint().id());
	}

	@Test
	void theOwnerRegistersAnEndpointOnThePageAndSeesItsLog() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			DemoLogin expert = new DemoLogin(port).loginAs("expert");
			Document firmPage = Jsoup.parse(expert.get("/cabinet").body());
			assertThat(firmPage.select("a#webhooks-link").attr("href")).isEqualTo("/cabinet/webhooks");
			Document page = Jsoup.parse(expert.get("/cabinet/webhooks").body());
			assertThat(page.select("h1").text()).isEqualTo("Webhooks du cabinet");
			assertThat(page.select("fieldset input[type=checkbox][name=types]")).hasSize(EventType.values().length);
			assertThat(page.select("label[for=url]")).hasSize(1);

			HttpResponse<String> refused = post(expert, "/cabinet/webhooks",
					"url=" + encode("http://169.254.169.254/latest/meta-data/") + "&types=seal.created");
			Document refusedPage = Jsoup.parse(refused.body());
			assertThat(refusedPage.select("#flash-failure").text())
				.contains("Cette adresse mène à un réseau privé, local ou réservé");
			assertThat(refusedPage.select("#url").attr("value")).isEqualTo("http://169.254.169.254/latest/meta-data/");

			HttpResponse<String> created = post(expert, "/cabinet/webhooks", "url=" + encode(receiver.url("/page"))
					+ "&description=" + encode("Logiciel") + "&types=seal.created&types=balance.low");
			Document endpointPage = Jsoup.parse(created.body());
			String secret = endpointPage.select("#secret").text();
			assertThat(secret).startsWith("whsec_");
			assertThat(endpointPage.select("#endpoint-url").text()).isEqualTo(receiver.url("/page"));
			String endpointPath = URI.create(created.uri().toString()).getPath();
			receiver.trust(secret);

			Document tested = Jsoup.parse(post(expert, endpointPath + "/test", "").body());
			assertThat(tested.select("#flash-success").text()).contains("événement de test");
			assertThat(tested.select("#deliveries tbody tr")).hasSize(1);
			assertThat(tested.select(".delivery-status").text()).isEqualTo("En attente");
			Workers.deliverDue(context);
			Document log = Jsoup.parse(expert.get(endpointPath).body());
			assertThat(log.select(".delivery-status").text()).isEqualTo("Livré");
			assertThat(log.select(".delivery-attempts").text()).isEqualTo("1");
			assertThat(log.select("#deliveries").text()).contains("200").contains("webhook.test");
			assertThat(receiver.received()).hasSize(1);
			assertThat(receiver.received().get(0).verifiedSecrets()).containsExactly(secret);

			Document resent = Jsoup.parse(post(expert,
					log.select("#deliveries form").attr("action"), "").body());
			assertThat(resent.select("#flash-success").text()).contains("repart");
			assertThat(resent.select(".delivery-status").text()).isEqualTo("En attente");

			Document afterDelete = Jsoup.parse(post(expert, endpointPath + "/suppression", "").body());
			assertThat(afterDelete.select("#flash-success").text()).contains("supprimée");
			assertThat(expert.get(endpointPath).statusCode()).isEqualTo(404);
		}
	}

	private static HttpResponse<String> post(DemoLogin browser, String path, String form) {
		return browser.send(HttpRequest.newBuilder(URI.create(browser.url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept-Language", "fr")
			.POST(HttpRequest.BodyPublishers.ofString(form + (form.isEmpty() ? "" : "&") + "_csrf=" + browser.csrfToken())));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
