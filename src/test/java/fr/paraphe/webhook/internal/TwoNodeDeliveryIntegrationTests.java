package fr.paraphe.webhook.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariDataSource;
import fr.paraphe.webhook.WebhookReceiver;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.pki.DataEncryption;
import fr.paraphe.shared.FirmId;
import fr.paraphe.webhook.WebhookReceiver.Received;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database, each with its own connection pool and worker, deliver each of N events exactly once
 * (row locks skipped by the other node, then a lease): run against H2 and, with {@code paraphe.test.db.url},
 * PostgreSQL.
 */
@ParapheIntegrationTest
class TwoNodeDeliveryIntegrationTests {

	static final int EVENTS = 300;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	Webhooks webhooks;

	@Autowired
	Environment environment;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	DataEncryption encryption;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	WebhookProperties properties;

	HikariDataSource pool(String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName(name);
		pool.setJdbcUrl(environment.getRequiredProperty("spring.datasource.url"));
		pool.setUsername(environment.getProperty("spring.datasource.username"));
		pool.setPassword(environment.getProperty("spring.datasource.password", ""));
		pool.setMaximumPoolSize(4);
		return pool;
	}

	DeliveryWorker node(HikariDataSource pool) {
		WebhookProperties node = new WebhookProperties(false, List.of("localhost"), Duration.ofSeconds(5),
				properties.secretOverlap(), properties.retryFor(), Duration.ofSeconds(5), properties.maxRetryDelay(),
				false, properties.pollInterval(), 10, 4, Duration.ofMinutes(2));
		return new DeliveryWorker(JdbcClient.create(pool), new JdbcTransactionManager(pool), Clock.systemUTC(), node,
				encryption, events);
	}

	@Test
	void twoNodesDeliverEachEventExactlyOnce() throws Exception {
		User owner = users.recordLogin(new SsoProfile("two-nodes-" + UUID.randomUUID(), "Noé Nœud", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Deux Nœuds"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		try (WebhookReceiver receiver = new WebhookReceiver(); HikariDataSource poolA = pool("node-a");
				HikariDataSource poolB = pool("node-b")) {
			receiver.behave("/nodes", n -> new WebhookReceiver.Answer(200, 2));
			Webhooks.Registered endpoint = webhooks.register(owner.id(), firm, receiver.url("/nodes"), null,
					List.of("seal.created"));
			receiver.trust(endpoint.secret());
			TransactionTemplate transaction = new TransactionTemplate(transactionManager);
			for (int i = 0; i < EVENTS; i++) {
				int number = i;
				transaction.executeWithoutResult(status -> events.publishEvent(new WebhookEvent(firm,
						EventType.SEAL_CREATED, Map.of("document", "doc-" + number))));
			}
			List<DeliveryWorker> nodes = List.of(node(poolA), node(poolB));
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService threads = Executors.newFixedThreadPool(2);
			List<Future<Integer>> attempts = new ArrayList<>();
			for (DeliveryWorker node : nodes) {
				attempts.add(threads.submit(() -> {
					start.await();
					int made = 0;
					long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
					while (receiver.received().size() < EVENTS && System.nanoTime() < deadline) {
						made += node.deliverDue();
					}
					return made;
				}));
			}
			start.countDown();
			int a = attempts.get(0).get(150, TimeUnit.SECONDS);
			int b = attempts.get(1).get(150, TimeUnit.SECONDS);
			threads.shutdown();

			List<Received> received = receiver.received();
			Map<String, Long> perId = received.stream().collect(Collectors.groupingBy(Received::id, Collectors.counting()));
			assertThat(perId).hasSize(EVENTS);
			assertThat(perId.values()).as("each event exactly once").containsOnly(1L);
			assertThat(received).allSatisfy(one -> assertThat(one.verifiedSecrets()).containsExactly(endpoint.secret()));
			Set<String> documents = received.stream().map(Received::body).collect(Collectors.toSet());
			assertThat(documents).hasSize(EVENTS);
			assertThat(a).as("node A posted some").isPositive();
			assertThat(b).as("node B posted some").isPositive();
			assertThat(webhooks.deliveries(owner.id(), firm, endpoint.endpoint().id()))
				.hasSize(Math.min(EVENTS, Webhooks.LOG_SIZE))
				.allSatisfy(delivery -> {
					assertThat(delivery.status()).isEqualTo("DELIVERED");
					assertThat(delivery.attempts()).isEqualTo(1);
				});
			webhooks.delete(owner.id(), firm, endpoint.endpoint().id());
		}
	}

}
