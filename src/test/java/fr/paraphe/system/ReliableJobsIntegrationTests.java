package fr.paraphe.system;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.ClusterJobs;
import fr.paraphe.shared.FirmId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Background work on several nodes: a failed event delivery is delivered again by the resubmission job; a
 * scheduled job runs on one node at a time; one slow job takes no other's thread.
 */
@ParapheIntegrationTest
class ReliableJobsIntegrationTests {

	static final AtomicInteger DELIVERIES = new AtomicInteger();

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventResubmission resubmission;

	@Autowired
	ClusterJobs jobs;

	@Autowired
	ThreadPoolTaskScheduler scheduler;

	@Autowired
	java.util.List<ScheduledTaskHolder> scheduledTasks;

	/** Its audit entry fails the first time (no details), as a listener does in a database hiccup. */
	record FlakyEvent(FirmId firm, String actor, String action, UUID eventId) implements Auditable {

		@Override
		public Map<String, String> details() {
			return DELIVERIES.incrementAndGet() == 1 ? null : Map.of("delivery", "again");
		}

	}

	@Test
	void aFailedDeliveryIsResubmittedAndRecordedOnce() {
		FirmId firm = FirmId.random();
		FlakyEvent event = new FlakyEvent(firm, "u1", "test.flaky", UUID.randomUUID());
		transactions.executeWithoutResult(s -> events.publishEvent(event));
		await().atMost(Duration.ofSeconds(15)).until(() -> DELIVERIES.get() >= 1 && failed(event) == 1);
		assertThat(entries(firm)).isZero();

		freeJob(EventResubmission.JOB);
		assertThat(resubmission.resubmitOlderThan(Duration.ZERO)).isTrue();

		await().atMost(Duration.ofSeconds(15)).until(() -> entries(firm) == 1);
		await().atMost(Duration.ofSeconds(15)).until(() -> publications(event) == 0);
		assertThat(entries(firm)).isEqualTo(1);
	}

	@Test
	void aJobRunsOnOneNodeAtATime() throws Exception {
		String job = "test-" + UUID.randomUUID();
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService nodes = Executors.newFixedThreadPool(4);
		try {
			java.util.List<Future<Boolean>> claims = new java.util.ArrayList<>();
			for (int i = 0; i < 4; i++) {
				claims.add(nodes.submit(() -> {
					start.await();
					return jobs.runOnce(job, Duration.ofMinutes(1), Duration.ofMinutes(5), () -> {
						runs.incrementAndGet();
						sleep(300);
					});
				}));
			}
			start.countDown();
			int ran = 0;
			for (Future<Boolean> claim : claims) {
				ran += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(ran).isEqualTo(1);
			assertThat(runs).hasValue(1);
			// Held at least a minute: a node whose schedule fires a little later skips this period too.
			assertThat(jobs.runOnce(job, Duration.ofMinutes(1), Duration.ofMinutes(5), runs::incrementAndGet)).isFalse();
		}
		finally {
			nodes.shutdownNow();
		}
	}

	@Test
	void aJobIsNotClaimedInsideATransaction() {
		assertThatThrownBy(() -> transactions.executeWithoutResult(
				s -> jobs.runOnce("test-in-transaction", Duration.ZERO, Duration.ofMinutes(1), () -> {
				})))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void everyScheduledJobHasAThreadOfItsOwn() {
		int tasks = scheduledTasks.stream().mapToInt(holder -> holder.getScheduledTasks().size()).sum();
		assertThat(tasks).isGreaterThan(1);
		assertThat(scheduler.getScheduledThreadPoolExecutor().getCorePoolSize()).isGreaterThanOrEqualTo(tasks);
	}

	private void freeJob(String job) {
		jdbc.sql("UPDATE scheduled_job_lock SET locked_until = :epoch WHERE name = :name")
			.param("epoch", Timestamp.from(Instant.EPOCH))
			.param("name", job)
			.update();
	}

	private int entries(FirmId firm) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE firm_id = :firm")
			.param("firm", firm.value())
			.query(Integer.class)
			.single();
	}

	private int failed(FlakyEvent event) {
		return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE :id AND status = 'FAILED'")
			.param("id", "%" + event.eventId() + "%")
			.query(Integer.class)
			.single();
	}

	private int publications(FlakyEvent event) {
		return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE :id")
			.param("id", "%" + event.eventId() + "%")
			.query(Integer.class)
			.single();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
