package fr.paraphe.webhook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.webhook.WebhookReceiver.Received;
import fr.paraphe.webhook.internal.EventType;
import fr.paraphe.webhook.internal.WebhookEvent;
import fr.paraphe.webhook.internal.Webhooks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook delivery rate and delay from event to delivery (bench/webhooks.sh; not part of mvn verify): the
 * application's own worker (started here, woken after each event's commit, polling every second), a local
 * receiver that answers 200 at once. Events are published each in its own transaction by two threads, as fast
 * as they go ("burst") and then paced ("paced", about 50 per second); the delay is from just before the event's
 * transaction to the receiver's arrival. Prints events per second, p50/p99/max delays and the load average.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "paraphe.webhook.worker-enabled=true", "paraphe.webhook.poll-interval=1s" })
@ActiveProfiles("test")
class WebhookDeliveryBenchmark {

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	Webhooks webhooks;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JsonMapper json;

	@Test
	void deliveryRateAndDelay() throws Exception {
		int events = Integer.getInteger("bench.events", 2000);
		User owner = users.recordLogin(new SsoProfile("bench-" + UUID.randomUUID(), "Bella Bench", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Mesure"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			Webhooks.Registered endpoint = webhooks.register(owner.id(), firm, receiver.url("/bench"), null,
					List.of("seal.created"));
			receiver.trust(endpoint.secret());
			run("warm-up", receiver, firm, 200, 0);
			run("burst", receiver, firm, events, 0);
			run("paced 50/s", receiver, firm, Math.min(events, 500), 20);
			webhooks.delete(owner.id(), firm, endpoint.endpoint().id());
		}
	}

	private void run(String name, WebhookReceiver receiver, FirmId firm, int count, long pauseMillis)
			throws Exception {
		String loadBefore = loadAverage();
		int before = receiver.received().size();
		String run = UUID.randomUUID().toString();
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);
		ExecutorService publishers = Executors.newFixedThreadPool(2);
		long start = System.nanoTime();
		List<Future<?>> done = new ArrayList<>();
		for (int thread = 0; thread < 2; thread++) {
			int first = thread;
			done.add(publishers.submit(() -> {
				for (int i = first; i < count; i += 2) {
					long sent = System.nanoTime();
					transaction.executeWithoutResult(status -> events.publishEvent(new WebhookEvent(firm,
							EventType.SEAL_CREATED, Map.of("run", run, "sentNanos", sent))));
					if (pauseMillis > 0) {
						try {
							Thread.sleep(pauseMillis * 2);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
					}
				}
			}));
		}
		for (Future<?> future : done) {
			future.get();
		}
		long published = System.nanoTime();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (receiver.received().size() < before + count && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		publishers.shutdown();
		List<Received> mine = receiver.received().subList(before, receiver.received().size());
		long[] delays = new long[mine.size()];
		long last = 0;
		int verified = 0;
		for (int i = 0; i < mine.size(); i++) {
			Received one = mine.get(i);
			long sent = json.readTree(one.body()).get("data").get("sentNanos").asLong();
			delays[i] = one.receivedAtNanos() - sent;
			last = Math.max(last, one.receivedAtNanos());
			verified += one.verifiedSecrets().isEmpty() ? 0 : 1;
		}
		Arrays.sort(delays);
		double seconds = (last - start) / 1e9;
		System.out.printf(
				"webhooks %-11s events=%d delivered=%d verified=%d publish=%.1f/s delivered=%.1f/s p50=%.1f ms p99=%.1f ms max=%.1f ms load(before)=%s load(after)=%s%n",
				name, count, mine.size(), verified, count / ((published - start) / 1e9), mine.size() / seconds,
				percentile(delays, 50), percentile(delays, 99), delays.length == 0 ? 0 : delays[delays.length - 1] / 1e6,
				loadBefore, loadAverage());
	}

	private static double percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	private static String loadAverage() throws Exception {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

}
