package fr.paraphe.webhook;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.billing.Billing;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.pki.DataEncryption;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.signing.ApiKeys;
import fr.paraphe.signing.CheckedSeals;
import fr.paraphe.signing.SealChecks;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.webhook.WebhookReceiver.Received;
import fr.paraphe.webhook.internal.DeliveryWorker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk sealing job, submitted over HTTP and sealed by the background worker, announces its completion once:
 * exactly one {@code seal_job.completed} delivery (outbox row) for the firm's endpoint that chose that type, none
 * for its endpoint that did not, delivered signed with the job's counts.
 */
@ParapheIntegrationTest
class SealJobWebhookIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	Billing billing;

	@Autowired
	ApiKeys apiKeys;

	@Autowired
	SealChecks checks;

	@Autowired
	fr.paraphe.terms.Terms terms;

	@Autowired
	Webhooks webhooks;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	DataEncryption encryption;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Clock clock;

	@Autowired
	WebhookProperties properties;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aCompletedSealJobIsAnnouncedOnceToTheEndpointThatChoseIt() throws Exception {
		User owner = users.recordLogin(new SsoProfile("hook-job-" + UUID.randomUUID(), "Jules Lot", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Lot Annoncé"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		new CheckedSeals(firms, users, checks).issue(owner, firm);
		terms.accept(owner.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		billing.credit(firm, owner.id(), Money.parse("20"));
		String key = apiKeys.create(owner.id(), firm, "Logiciel de paie").secret();

		try (WebhookReceiver receiver = new WebhookReceiver()) {
			Webhooks.Registered subscribed = webhooks.register(owner.id(), firm, receiver.url("/jobs"), null,
					List.of("seal_job.completed"));
			Webhooks.Registered other = webhooks.register(owner.id(), firm, receiver.url("/autres"), null,
					List.of("collection.completed"));
			receiver.trust(subscribed.secret());

			HttpResponse<String> accepted = submit(key, "bulletin-1.pdf", TestSigner.document("Bulletin 1"),
					"abime.pdf", "%PDF-1.7\npas un PDF complet".getBytes(StandardCharsets.UTF_8));
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
			String location = accepted.headers().firstValue("Location").orElseThrow();
			String job = location.substring(location.lastIndexOf('/') + 1);
			JsonNode status = awaitCompleted(key, location, Duration.ofMinutes(2));
			assertThat(status.get("status").asString()).isEqualTo("COMPLETED");

			// The outbox: one row for the endpoint that chose seal_job.completed, none for the other.
			List<Delivery> outbox = webhooks.deliveries(owner.id(), firm, subscribed.endpoint().id());
			assertThat(outbox).singleElement().satisfies(delivery -> {
				assertThat(delivery.eventType()).isEqualTo("seal_job.completed");
				assertThat(delivery.eventId().toString()).isEqualTo(job);
			});
			assertThat(webhooks.deliveries(owner.id(), firm, other.endpoint().id())).isEmpty();

			new DeliveryWorker(jdbc, transactionManager, clock, properties, encryption, events).deliverDue();
			// A second pass (or another node's) sends nothing again.
			new DeliveryWorker(jdbc, transactionManager, clock, properties, encryption, events).deliverDue();
			List<Received> received = receiver.received();
			assertThat(received).singleElement().satisfies(one -> {
				assertThat(one.path()).isEqualTo("/jobs");
				assertThat(one.verifiedSecrets()).containsExactly(subscribed.secret());
				JsonNode body = json.readTree(one.body());
				assertThat(body.get("type").asString()).isEqualTo("seal_job.completed");
				JsonNode data = body.get("data");
				assertThat(data.get("job").asString()).isEqualTo(job);
				assertThat(data.get("total").asInt()).isEqualTo(2);
				assertThat(data.get("done").asInt()).isEqualTo(1);
				assertThat(data.get("failed").asInt()).isEqualTo(1);
			});
			assertThat(webhooks.deliveries(owner.id(), firm, subscribed.endpoint().id()))
				.singleElement()
				.satisfies(delivery -> assertThat(delivery.status()).isEqualTo("DELIVERED"));
			webhooks.delete(owner.id(), firm, subscribed.endpoint().id());
			webhooks.delete(owner.id(), firm, other.endpoint().id());
		}
	}

	/** POST /api/v1/seal-jobs with the PDFs as parts {@code files} (name, bytes, name, bytes…). */
	private HttpResponse<String> submit(String key, Object... files) throws Exception {
		String boundary = "----hookjob" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"level\"\r\n\r\nB-B\r\n")
			.getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < files.length; i += 2) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + files[i]
					+ "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.writeBytes((byte[]) files[i + 1]);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/seal-jobs"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Authorization", "Bearer " + key)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode awaitCompleted(String key, String location, Duration atMost) throws Exception {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (true) {
			HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location))
				.header("Authorization", "Bearer " + key)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			JsonNode status = json.readTree(answer.body());
			if ("COMPLETED".equals(status.get("status").asString()) || System.nanoTime() > deadline) {
				return status;
			}
			Thread.sleep(200);
		}
	}

}
