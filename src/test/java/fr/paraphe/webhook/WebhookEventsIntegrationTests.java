package fr.paraphe.webhook;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import fr.paraphe.signing.SealingTest;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.signing.FirmSeals;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.webhook.WebhookReceiver.Received;
import fr.paraphe.webhook.internal.Workers;
import fr.paraphe.webhook.internal.Webhooks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modules' own events reach the endpoints: a seal through the API ({@code seal.created}), the debit that takes
 * the balance below the owner's threshold ({@code balance.low}), the revocation of the firm's seal certificate
 * ({@code certificate.revoked}); a refused seal writes nothing.
 */
@ParapheIntegrationTest
class WebhookEventsIntegrationTests extends SealingTest {

	@Autowired
	FirmSeals seals;

	@Autowired
	Webhooks webhooks;

	@Autowired
	ApplicationContext context;

	@Autowired
	JsonMapper json;

	@Test
	void sealsLowBalancesAndRevocationsAreDelivered() throws Exception {
		Owner sealing = firmWithSeal("hook-events", "Élise Événement", "Cabinet Signal", "20");
		User owner = sealing.user();
		FirmId firm = sealing.firm();
		billing.setLowBalanceThreshold(firm, owner.id(), Money.parse("19.99"));
		String key = apiKeys.create(owner.id(), firm, "Logiciel").secret();

		try (WebhookReceiver receiver = new WebhookReceiver()) {
			Webhooks.Registered endpoint = webhooks.register(owner.id(), firm, receiver.url("/events"), null,
					List.of("seal.created", "balance.low", "certificate.revoked", "collection.completed"));
			receiver.trust(endpoint.secret());

			assertThat(seal(key, "pas un PDF".getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(400, 499);
			assertThat(webhooks.deliveries(owner.id(), firm, endpoint.endpoint().id())).as("a refused seal announces nothing")
				.isEmpty();

			HttpResponse<byte[]> sealed = seal(key, TestSigner.document("Bulletin de paie"));
			assertThat(sealed.statusCode()).isEqualTo(200);
			String document = sealed.headers().firstValue("Paraphe-Seal-Id").orElseThrow();
			seals.revoke(owner.id(), firm, RevocationReason.KEY_COMPROMISE);

			Workers.deliverDue(context);
			List<Received> received = receiver.received();
			assertThat(received).allSatisfy(one -> assertThat(one.verifiedSecrets()).containsExactly(endpoint.secret()));
			assertThat(received).extracting(one -> json.readTree(one.body()).get("type").asString())
				.containsExactlyInAnyOrder("seal.created", "balance.low", "certificate.revoked");
			JsonNode seal = data(received, "seal.created");
			assertThat(seal.get("document").asString()).isEqualTo(document);
			assertThat(seal.get("level").asString()).isNotBlank();
			assertThat(seal.get("sha256").asString()).hasSize(64);
			JsonNode low = data(received, "balance.low");
			assertThat(low.get("threshold").asString()).isEqualTo("19.99");
			assertThat(low.get("currency").asString()).isEqualTo("EUR");
			JsonNode revoked = data(received, "certificate.revoked");
			assertThat(revoked.get("kind").asString()).isEqualTo("seal");
			assertThat(revoked.get("reason").asString()).isEqualTo("KEY_COMPROMISE");
			assertThat(revoked.get("serial").asString()).isEqualTo(seal.get("certificateSerial").asString());
			assertThat(webhooks.deliveries(owner.id(), firm, endpoint.endpoint().id()))
				.allSatisfy(delivery -> assertThat(delivery.status()).isEqualTo("DELIVERED"));
			webhooks.delete(owner.id(), firm, endpoint.endpoint().id());
		}
	}

	private JsonNode data(List<Received> received, String type) {
		return received.stream()
			.map(one -> json.readTree(one.body()))
			.filter(body -> body.get("type").asString().equals(type))
			.findFirst()
			.orElseThrow()
			.get("data");
	}

	private HttpResponse<byte[]> seal(String key, byte[] pdf) throws Exception {
		String boundary = "----paraphe-webhooks";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"level\"\r\n\r\nB-B\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(pdf);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/seals"))
				.header("Authorization", "Bearer " + key)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
