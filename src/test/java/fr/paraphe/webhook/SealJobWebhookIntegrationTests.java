package fr.paraphe.webhook;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.SealJobClient;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.webhook.WebhookReceiver.Received;
import fr.paraphe.webhook.internal.DeliveryWorker;
import fr.paraphe.webhook.internal.Webhooks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

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
	ApplicationContext context;

	@Autowired
	Webhooks webhooks;

	@Autowired
	JsonMapper json;

	@Test
	void aCompletedSealJobIsAnnouncedOnceToTheEndpointThatChoseIt() throws Exception {
		SealJobClient client = SealJobClient.newFirm(context, port, Money.parse("20"));
		UserId owner = client.owner.id();
		FirmId firm = client.firm;

		try (WebhookReceiver receiver = new WebhookReceiver()) {
			Webhooks.Registered subscribed = webhooks.register(owner, firm, receiver.url("/jobs"), null,
					List.of("seal_job.completed"));
			Webhooks.Registered other = webhooks.register(owner, firm, receiver.url("/autres"), null,
					List.of("collection.completed"));
			receiver.trust(subscribed.secret());

			Map<String, byte[]> files = new LinkedHashMap<>();
			files.put("bulletin-1.pdf", TestSigner.document("Bulletin 1"));
			files.put("abime.pdf", "%PDF-1.7\npas un PDF complet".getBytes(StandardCharsets.UTF_8));
			HttpResponse<byte[]> accepted = client.submit(files, List.of("level", "B-B"));
			assertThat(accepted.statusCode()).as(new String(accepted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
			String location = accepted.headers().firstValue("Location").orElseThrow();
			String job = location.substring(location.lastIndexOf('/') + 1);
			assertThat(client.awaitCompleted(location, Duration.ofMinutes(2)).get("status").asString())
				.isEqualTo("COMPLETED");

			// The outbox: one row for the endpoint that chose seal_job.completed, none for the other.
			assertThat(webhooks.deliveries(owner, firm, subscribed.endpoint().id())).singleElement()
				.satisfies(delivery -> {
					assertThat(delivery.eventType()).isEqualTo("seal_job.completed");
					assertThat(delivery.eventId().toString()).isEqualTo(job);
				});
			assertThat(webhooks.deliveries(owner, firm, other.endpoint().id())).isEmpty();

			DeliveryWorker worker = context.getBean(DeliveryWorker.class);
			worker.deliverDue();
			// A second pass sends nothing again.
			worker.deliverDue();
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
			assertThat(webhooks.deliveries(owner, firm, subscribed.endpoint().id())).singleElement()
				.satisfies(delivery -> assertThat(delivery.status()).isEqualTo("DELIVERED"));
			webhooks.delete(owner, firm, subscribed.endpoint().id());
			webhooks.delete(owner, firm, other.endpoint().id());
		}
	}

}
