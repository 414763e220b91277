package fr.paraphe.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import fr.paraphe.pki.DataEncryption;
import fr.paraphe.shared.GuardedHttp;
import fr.paraphe.webhook.EndpointDisabled;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox on every node: claims due deliveries in a short transaction (row locks skipped by the other
 * nodes, then a lease), posts them with no connection held, through the SSRF guard, and records each attempt in
 * another short transaction. A 2xx answer delivers; anything else (another status, a timeout, a refused
 * connection) is retried after an exponentially growing delay with jitter until the retry period ends, when the
 * delivery is given up and its endpoint disabled. All timing reads the injected {@link Clock}.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	/** The largest answer read from an endpoint: only its status matters. */
	private static final int MAX_ANSWER = 64 * 1024;

	private final DeliveryStore deliveries;

	private final EndpointStore endpoints;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final WebhookProperties properties;

	private final DataEncryption encryption;

	private final ApplicationEventPublisher events;

	private final GuardedHttp http;

	private final AtomicBoolean queued = new AtomicBoolean();

	private volatile ScheduledExecutorService pump;

	private volatile ExecutorService posters;

	public DeliveryWorker(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
			WebhookProperties properties, DataEncryption encryption, ApplicationEventPublisher events) {
		this.deliveries = new DeliveryStore(jdbc);
		this.endpoints = new EndpointStore(jdbc);
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.properties = properties;
		this.encryption = encryption;
		this.events = events;
		this.http = new GuardedHttp(properties.allowList(), properties.timeout(), MAX_ANSWER, "Paraphe webhooks");
	}

	/**
	 * Posts every delivery due now, claimed batch after batch, and returns once they are all recorded.
	 * @return how many attempts were made
	 */
	public int deliverDue() {
		ExecutorService pool = posters;
		boolean own = pool == null;
		if (own) {
			pool = Executors.newFixedThreadPool(Math.max(1, properties.threads()));
		}
		try {
			int attempts = 0;
			while (true) {
				List<DeliveryStore.Claimed> claimed = transactions
					.execute(status -> deliveries.claim(clock.instant(), properties.lease(), properties.batchSize()));
				if (claimed == null || claimed.isEmpty()) {
					return attempts;
				}
				List<Future<?>> posted = new ArrayList<>();
				for (DeliveryStore.Claimed one : claimed) {
					posted.add(pool.submit(() -> attempt(one)));
				}
				for (Future<?> future : posted) {
					try {
						future.get();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return attempts;
					}
					catch (java.util.concurrent.ExecutionException ex) {
						log.warn("A webhook delivery failed unexpectedly", ex.getCause());
					}
				}
				attempts += claimed.size();
				if (claimed.size() < properties.batchSize()) {
					return attempts;
				}
			}
		}
		finally {
			if (own) {
				pool.shutdown();
			}
		}
	}

	/** Asks for a pass soon, e.g. right after an event was committed: the next poll need not be waited for. */
	public void wake() {
		ScheduledExecutorService running = pump;
		if (running != null && queued.compareAndSet(false, true)) {
			try {
				running.execute(this::pass);
			}
			catch (java.util.concurrent.RejectedExecutionException stopping) {
				queued.set(false);
			}
		}
	}

	private void pass() {
		queued.set(false);
		try {
			deliverDue();
		}
		catch (RuntimeException ex) {
			log.warn("Webhook delivery pass failed: {}", ex.toString());
		}
	}

	private void attempt(DeliveryStore.Claimed claimed) {
		Optional<EndpointStore.Row> endpoint = endpoints.find(claimed.endpointId());
		Instant at = clock.instant();
		if (endpoint.isEmpty() || !endpoint.get().enabled()) {
			transactions.executeWithoutResult(status -> deliveries.settle(claimed, DeliveryStore.FAILED, at, null, 0,
					"endpoint disabled", null));
			return;
		}
		EndpointStore.Row row = endpoint.get();
		Integer code = null;
		String error = null;
		long start = System.nanoTime();
		try {
			code = post(row, claimed, at);
		}
		catch (GuardedHttp.GuardException ex) {
			error = ex.failure() + ": " + ex.getMessage();
		}
		catch (RuntimeException ex) {
			// A secret that no longer decrypts (another master key), say: a failed attempt, retried and given up
			// as any other, rather than a claim left to lapse again and again.
			log.warn("Webhook delivery {} could not be prepared: {}", claimed.id(), ex.toString());
			error = "FAILED: " + ex.getClass().getSimpleName();
		}
		long latency = (System.nanoTime() - start) / 1_000_000;
		Instant done = clock.instant();
		Integer answered = code;
		if (answered != null && answered >= 200 && answered < 300) {
			transactions.executeWithoutResult(
					status -> deliveries.settle(claimed, DeliveryStore.DELIVERED, done, answered, latency, null, null));
			return;
		}
		String failure = error != null ? error : "HTTP " + code;
		Instant next = done.plus(delay(claimed.attempts() + 1));
		if (!next.isAfter(claimed.giveUpAt())) {
			transactions.executeWithoutResult(status -> deliveries.settle(claimed, DeliveryStore.PENDING, done, answered,
					latency, failure, next));
			return;
		}
		transactions.executeWithoutResult(status -> {
			if (deliveries.settle(claimed, DeliveryStore.FAILED, done, answered, latency, failure, null)
					&& endpoints.disable(row.id(), done)) {
				deliveries.giveUpAll(row.id());
				events.publishEvent(new EndpointDisabled(row.firm(), row.id(), row.url()));
			}
		});
	}

	/** Signs and posts the delivery with the secrets in force at {@code at}. @return the answer's status */
	private int post(EndpointStore.Row row, DeliveryStore.Claimed claimed, Instant at) throws GuardedHttp.GuardException {
		List<String> secrets = new ArrayList<>();
		secrets.add(secret(row.secret(), row));
		if (row.previousSecret() != null && row.previousUntil() != null && row.previousUntil().isAfter(at)) {
			secrets.add(secret(row.previousSecret(), row));
		}
		byte[] body = claimed.payload().getBytes(StandardCharsets.UTF_8);
		String id = fr.paraphe.webhook.internal.Delivery.webhookId(claimed.id());
		long timestamp = at.getEpochSecond();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("webhook-id", id);
		headers.put("webhook-timestamp", String.valueOf(timestamp));
		headers.put("webhook-signature", Signatures.header(secrets, id, timestamp, body));
		return http.exchange(row.url(), headers, body, "application/json").status();
	}

	/**
	 * The delay before attempt {@code attempt + 1}: the first retry delay, doubled for each attempt after it, at most
	 * the longest delay, plus up to 25 % of jitter (so that the retries of many deliveries spread out).
	 */
	Duration delay(int attempt) {
		Duration base = properties.firstRetry();
		for (int i = 1; i < attempt && base.compareTo(properties.maxRetryDelay()) < 0; i++) {
			base = base.multipliedBy(2);
		}
		if (base.compareTo(properties.maxRetryDelay()) > 0) {
			base = properties.maxRetryDelay();
		}
		long jitter = (long) (base.toMillis() * 0.25 * ThreadLocalRandom.current().nextDouble());
		return base.plusMillis(jitter);
	}

	private String secret(byte[] encrypted, EndpointStore.Row row) {
		return new String(encryption.decrypt(encrypted, Secrets.context(row.id())), StandardCharsets.UTF_8);
	}

	@Override
	public void start() {
		if (!properties.workerEnabled() || pump != null) {
			return;
		}
		posters = Executors.newFixedThreadPool(Math.max(1, properties.threads()), runnable -> {
			Thread thread = new Thread(runnable, "webhook-post");
			thread.setDaemon(true);
			return thread;
		});
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "webhook-worker");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(10, properties.pollInterval().toMillis());
		scheduler.scheduleWithFixedDelay(this::pass, period, period, TimeUnit.MILLISECONDS);
		pump = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = pump;
		pump = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		ExecutorService pool = posters;
		posters = null;
		if (pool != null) {
			pool.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return pump != null;
	}

}
