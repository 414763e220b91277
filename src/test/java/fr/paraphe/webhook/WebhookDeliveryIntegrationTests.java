package fr.paraphe.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import fr.paraphe.MutableClock;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.DataEncryption;
import fr.paraphe.shared.FirmId;
import fr.paraphe.webhook.WebhookReceiver.Answer;
import fr.paraphe.webhook.WebhookReceiver.Received;
import fr.paraphe.webhook.internal.DeliveryWorker;
import fr.paraphe.webhook.internal.Delivery;
import fr.paraphe.webhook.internal.Endpoint;
import fr.paraphe.webhook.internal.EventType;
import fr.paraphe.webhook.internal.WebhookEvent;
import fr.paraphe.webhook.internal.WebhookProperties;
import fr.paraphe.webhook.internal.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries seen by a real HTTP receiver that checks each Standard Webhooks signature with its own code: retries
 * after 500s and timeouts with growing delays (the worker's clock is the test's), each event delivered once after
 * its success, both signatures during a secret's overlap, the outbox rolled back with its event, and an endpoint
 * disabled (and its owner e-mailed) once the retry period is over.
 */
@ParapheIntegrationTest
class WebhookDeliveryIntegrationTests {

	@Autowired
	Webhooks webhooks;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	DataEncryption encryption;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Notifications notifications;

	@Autowired
	JsonMapper json;

	WebhookReceiver receiver;

	MutableClock clock;

	@BeforeEach
	void receiver() throws Exception {
		receiver = new WebhookReceiver();
		clock = new MutableClock(Instant.now().plusSeconds(1));
	}

	/** The firms this test made: their endpoints (and deliveries) are deleted after it, so none lingers. */
	final List<Owner> owners = new java.util.ArrayList<>();

	@AfterEach
	void close() {
		receiver.close();
		for (Owner owner : owners) {
			webhooks.endpoints(owner.user().id(), owner.firm())
				.forEach(endpoint -> webhooks.delete(owner.user().id(), owner.firm(), endpoint.id()));
		}
	}

	record Owner(User user, FirmId firm) {
	}

	Owner owner() {
		User owner = users.recordLogin(new SsoProfile("webhook-" + UUID.randomUUID(), "Wanda Webhook",
				"wanda-" + UUID.randomUUID() + "@cabinet.example", Role.EXPERT_COMPTABLE, TestSirens.random(),
				"Cabinet Crochet"));
		Owner made = new Owner(owner, firms.membershipOf(owner.id()).orElseThrow().firm());
		owners.add(made);
		return made;
	}

	DeliveryWorker worker(Duration timeout) {
		WebhookProperties properties = new WebhookProperties(false, List.of("localhost"), timeout, Duration.ofHours(24),
				Duration.ofDays(3), Duration.ofSeconds(5), Duration.ofHours(6), false, Duration.ofSeconds(1), 50, 4,
				Duration.ofMinutes(2));
		return new DeliveryWorker(jdbc, transactionManager, clock, properties, encryption, events);
	}

	/** Publishes the event in a transaction of its own, as a module would in its business transaction. */
	void publish(WebhookEvent event) {
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> events.publishEvent(event));
	}

	Delivery delivery(Owner owner, UUID endpoint, UUID eventId) {
		return webhooks.deliveries(owner.user().id(), owner.firm(), endpoint)
			.stream()
			.filter(one -> one.eventId().equals(eventId))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void retriesAfter500sAndTimeoutsWithGrowingDelaysThenEachEventExactlyOnce() {
		Owner owner = owner();
		Webhooks.Registered flaky = webhooks.register(owner.user().id(), owner.firm(), receiver.url("/flaky"), "Logiciel",
				List.of("seal.created", "collection.completed"));
		Webhooks.Registered slow = webhooks.register(owner.user().id(), owner.firm(), receiver.url("/slow"), null,
				List.of("seal.created"));
		receiver.trust(flaky.secret());
		receiver.trust(slow.secret());
		assertThat(flaky.secret()).startsWith("whsec_");
		assertThat(java.util.Base64.getDecoder().decode(flaky.secret().substring(6))).hasSizeGreaterThanOrEqualTo(24);
		// 500, 503, then 200 for each delivery; the slow one answers after 3 s (the worker waits 1 s), then at once.
		receiver.behave("/flaky", n -> n <= 2 ? Answer.status(n == 1 ? 500 : 503) : Answer.ok());
		receiver.behave("/slow", n -> n == 1 ? Answer.slow(3000) : Answer.ok());

		WebhookEvent sealed = new WebhookEvent(owner.firm(), EventType.SEAL_CREATED,
				Map.of("document", UUID.randomUUID().toString(), "level", "B-LT"));
		WebhookEvent completed = new WebhookEvent(owner.firm(), EventType.COLLECTION_COMPLETED,
				Map.of("collection", UUID.randomUUID().toString(), "status", "COMPLETED"));
		WebhookEvent low = new WebhookEvent(owner.firm(), EventType.BALANCE_LOW, Map.of("balance", "1.00"));
		publish(sealed);
		publish(completed);
		publish(low);
		publish(sealed); // the same event again: no second delivery

		DeliveryWorker worker = worker(Duration.ofSeconds(1));
		worker.deliverDue();
		assertThat(receiver.received()).as("flaky × 2 events, slow × 1").hasSize(3);
		Instant first = clock.instant();
		Delivery afterFirst = delivery(owner, flaky.endpoint().id(), sealed.eventId());
		assertThat(afterFirst.status()).isEqualTo("PENDING");
		assertThat(afterFirst.attempts()).isEqualTo(1);
		assertThat(afterFirst.lastStatusCode()).isEqualTo(500);
		assertThat(afterFirst.nextAttemptAt()).isBetween(first.plusSeconds(5), first.plusMillis(6250));
		Delivery timedOut = delivery(owner, slow.endpoint().id(), sealed.eventId());
		assertThat(timedOut.lastStatusCode()).isNull();
		assertThat(timedOut.lastError()).startsWith("TIMEOUT");
		assertThat(timedOut.status()).isEqualTo("PENDING");
		worker.deliverDue();
		assertThat(receiver.received()).as("nothing due before the delay").hasSize(3);

		clock.advance(Duration.ofMillis(6300));
		worker.deliverDue();
		assertThat(receiver.received()).hasSize(6);
		assertThat(delivery(owner, slow.endpoint().id(), sealed.eventId()).status()).isEqualTo("DELIVERED");
		Delivery second = delivery(owner, flaky.endpoint().id(), sealed.eventId());
		assertThat(second.lastStatusCode()).isEqualTo(503);
		assertThat(second.nextAttemptAt()).as("the delay doubled")
			.isBetween(clock.instant().plusSeconds(10), clock.instant().plusMillis(12_500));
		clock.advance(Duration.ofMillis(6300));
		worker.deliverDue();
		assertThat(receiver.received()).as("still waiting").hasSize(6);
		clock.advance(Duration.ofMillis(6300));
		worker.deliverDue();
		assertThat(receiver.received()).hasSize(8);
		for (int day = 0; day < 4; day++) {
			clock.advance(Duration.ofDays(1));
			worker.deliverDue();
			assertThat(receiver.received()).as("nothing after success").hasSize(8);
		}

		Delivery delivered = delivery(owner, flaky.endpoint().id(), sealed.eventId());
		assertThat(delivered.status()).isEqualTo("DELIVERED");
		assertThat(delivered.attempts()).isEqualTo(3);
		assertThat(delivered.lastStatusCode()).isEqualTo(200);
		assertThat(delivered.nextAttemptAt()).isNull();
		assertThat(webhooks.deliveries(owner.user().id(), owner.firm(), flaky.endpoint().id())).hasSize(2);

		List<Received> flakyRequests = receiver.received().stream().filter(r -> r.path().equals("/flaky")).toList();
		assertThat(flakyRequests).hasSize(6);
		Map<String, List<Received>> byId = flakyRequests.stream().collect(Collectors.groupingBy(Received::id));
		assertThat(byId).hasSize(2);
		for (List<Received> attempts : byId.values()) {
			assertThat(attempts).extracting(Received::answered).containsExactly(500, 503, 200);
			assertThat(attempts).allSatisfy(one -> assertThat(one.verifiedSecrets()).containsExactly(flaky.secret()));
			long gap1 = attempts.get(1).timestamp() - attempts.get(0).timestamp();
			long gap2 = attempts.get(2).timestamp() - attempts.get(1).timestamp();
			assertThat(gap1).isBetween(5L, 7L);
			assertThat(gap2).isBetween(10L, 13L).isGreaterThan(gap1);
			assertThat(attempts).extracting(Received::body).as("the same body at each attempt").containsOnly(attempts.get(0).body());
		}
		JsonNode body = json.readTree(receiver.received(delivered.webhookId()).get(0).body());
		assertThat(body.get("type").asString()).isEqualTo("seal.created");
		assertThat(Instant.parse(body.get("timestamp").asString())).isNotNull();
		assertThat(body.get("data").get("level").asString()).isEqualTo("B-LT");
		assertThat(receiver.received()).noneMatch(r -> r.body().contains("balance.low"));
		List<Received> slowRequests = receiver.received().stream().filter(r -> r.path().equals("/slow")).toList();
		assertThat(slowRequests).hasSize(2).allSatisfy(r -> assertThat(r.verifiedSecrets()).containsExactly(slow.secret()));
	}

	@Test
	void duringARotationsOverlapBothSignaturesVerifyThenOnlyTheNewOne() {
		Owner owner = owner();
		Webhooks.Registered endpoint = webhooks.register(owner.user().id(), owner.firm(), receiver.url("/rotation"),
				null, List.of("balance.low"));
		Webhooks.Registered rotated = webhooks.rotate(owner.user().id(), owner.firm(), endpoint.endpoint().id());
		assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(endpoint.secret());
		assertThat(rotated.endpoint().previousSecretUntil()).isAfter(Instant.now().plus(Duration.ofHours(23)));
		receiver.trust(endpoint.secret());
		receiver.trust(rotated.secret());
		WebhookEvent during = new WebhookEvent(owner.firm(), EventType.BALANCE_LOW, Map.of("balance", "4.00"));
		publish(during);
		DeliveryWorker worker = worker(Duration.ofSeconds(2));
		worker.deliverDue();
		Received first = receiver.received(delivery(owner, endpoint.endpoint().id(), during.eventId()).webhookId()).get(0);
		assertThat(first.signatures()).hasSize(2).allMatch(signature -> signature.startsWith("v1,"));
		assertThat(first.verifiedSecrets()).containsExactlyInAnyOrder(endpoint.secret(), rotated.secret());

		clock.advance(Duration.ofHours(25));
		WebhookEvent after = new WebhookEvent(owner.firm(), EventType.BALANCE_LOW, Map.of("balance", "3.00"));
		publish(after);
		worker.deliverDue();
		Received second = receiver.received(delivery(owner, endpoint.endpoint().id(), after.eventId()).webhookId()).get(0);
		assertThat(second.signatures()).hasSize(1);
		assertThat(second.verifiedSecrets()).containsExactly(rotated.secret());
	}

	@Test
	void theOutboxRollsBackWithItsEvent() {
		Owner owner = owner();
		Webhooks.Registered endpoint = webhooks.register(owner.user().id(), owner.firm(), receiver.url("/rollback"),
				null, List.of("seal.created"));
		WebhookEvent event = new WebhookEvent(owner.firm(), EventType.SEAL_CREATED, Map.of("document", "x"));
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			events.publishEvent(event);
			assertThat(webhooks.deliveries(owner.user().id(), owner.firm(), endpoint.endpoint().id())).hasSize(1);
			status.setRollbackOnly();
		});
		assertThat(webhooks.deliveries(owner.user().id(), owner.firm(), endpoint.endpoint().id())).isEmpty();
		worker(Duration.ofSeconds(1)).deliverDue();
		assertThat(receiver.received()).isEmpty();
	}

	@Test
	void afterThreeDaysOfFailuresTheEndpointIsDisabledAndTheOwnerEmailed() {
		Owner owner = owner();
		Webhooks.Registered endpoint = webhooks.register(owner.user().id(), owner.firm(), receiver.url("/down"), null,
				List.of("seal.created", "balance.low"));
		receiver.behave("/down", n -> Answer.status(502));
		WebhookEvent event = new WebhookEvent(owner.firm(), EventType.SEAL_CREATED, Map.of("document", "y"));
		publish(event);
		DeliveryWorker worker = worker(Duration.ofSeconds(1));
		Instant start = clock.instant();
		List<Instant> nextAttempts = new java.util.ArrayList<>();
		while (delivery(owner, endpoint.endpoint().id(), event.eventId()).status().equals("PENDING")) {
			worker.deliverDue();
			Delivery now = delivery(owner, endpoint.endpoint().id(), event.eventId());
			if (now.nextAttemptAt() != null) {
				nextAttempts.add(now.nextAttemptAt());
				clock.advance(Duration.between(clock.instant(), now.nextAttemptAt()).plusMillis(1));
			}
			assertThat(receiver.received()).hasSizeLessThan(60);
		}
		Delivery failed = delivery(owner, endpoint.endpoint().id(), event.eventId());
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.lastStatusCode()).isEqualTo(502);
		assertThat(Duration.between(start, clock.instant())).isBetween(Duration.ofDays(2), Duration.ofDays(3));
		assertThat(receiver.received()).hasSizeBetween(15, 40);
		// Delays grow up to the longest one (6 h, plus jitter)
		for (int i = 2; i < nextAttempts.size(); i++) {
			Duration gap = Duration.between(nextAttempts.get(i - 1), nextAttempts.get(i));
			assertThat(gap).isLessThanOrEqualTo(Duration.ofMinutes(451));
		}
		Endpoint disabled = webhooks.endpoint(owner.user().id(), owner.firm(), endpoint.endpoint().id());
		assertThat(disabled.enabled()).isFalse();
		assertThat(disabled.disabledAt()).isNotNull();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> notifications.sentTo(owner.user().email())
				.stream()
				.anyMatch(message -> "webhook-disabled".equals(message.template())
						&& message.text().contains(receiver.url("/down"))));

		// No new deliveries while disabled; enabled again, a delivery sent again goes.
		publish(new WebhookEvent(owner.firm(), EventType.BALANCE_LOW, Map.of("balance", "0.50")));
		assertThat(webhooks.deliveries(owner.user().id(), owner.firm(), endpoint.endpoint().id())).hasSize(1);
		receiver.behave("/down", n -> Answer.ok());
		webhooks.enable(owner.user().id(), owner.firm(), endpoint.endpoint().id());
		webhooks.resend(owner.user().id(), owner.firm(), endpoint.endpoint().id(), failed.id());
		clock.advance(Duration.ofSeconds(1));
		worker.deliverDue();
		assertThat(delivery(owner, endpoint.endpoint().id(), event.eventId()).status()).isEqualTo("DELIVERED");
		assertThat(receiver.received(failed.webhookId())).last().extracting(Received::answered).isEqualTo(200);
	}

	@Test
	void aTestEventGoesToItsEndpointWhateverItChose() {
		Owner owner = owner();
		Webhooks.Registered endpoint = webhooks.register(owner.user().id(), owner.firm(), receiver.url("/test"), null,
				List.of("certificate.revoked"));
		receiver.trust(endpoint.secret());
		Delivery test = webhooks.sendTest(owner.user().id(), owner.firm(), endpoint.endpoint().id());
		worker(Duration.ofSeconds(1)).deliverDue();
		Received received = receiver.received(test.webhookId()).get(0);
		assertThat(received.verifiedSecrets()).containsExactly(endpoint.secret());
		assertThat(received.body()).contains("\"type\":\"webhook.test\"");
		assertThat(Set.of(delivery(owner, endpoint.endpoint().id(), test.eventId()).status())).containsExactly("DELIVERED");
	}

	@Test
	void collectionsAndSignersEventsMapToTheirTypes() {
		Owner owner = owner();
		Webhooks.Registered endpoint = webhooks.register(owner.user().id(), owner.firm(), receiver.url("/collections"),
				null, List.of("collection.launched", "collection.completed", "collection.cancelled", "signer.signed",
						"signer.declined"));
		UUID collection = UUID.randomUUID();
		for (String what : List.of("created", "launched", "sentBack", "completed", "expired")) {
			new TransactionTemplate(transactionManager).executeWithoutResult(status -> events.publishEvent(
					new fr.paraphe.collection.CollectionEvents.CollectionChanged(owner.firm(), "system", collection, what,
							"STATUS")));
		}
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> events
			.publishEvent(new fr.paraphe.collection.CollectionEvents.SignerFinished(owner.firm(), "signer", collection,
					UUID.randomUUID(), "SIGNED", "0A1B")));
		assertThat(webhooks.deliveries(owner.user().id(), owner.firm(), endpoint.endpoint().id()))
			.as("created and sentBack are no webhook types; expired was not chosen")
			.extracting(Delivery::eventType)
			.containsExactlyInAnyOrder("collection.launched", "collection.completed", "signer.signed");
		worker(Duration.ofSeconds(1)).deliverDue();
		Received signed = receiver.received()
			.stream()
			.filter(one -> one.body().contains("signer.signed"))
			.findFirst()
			.orElseThrow();
		JsonNode data = json.readTree(signed.body()).get("data");
		assertThat(data.get("collection").asString()).isEqualTo(collection.toString());
		assertThat(data.get("certificateSerial").asString()).isEqualTo("0A1B");
	}

}
