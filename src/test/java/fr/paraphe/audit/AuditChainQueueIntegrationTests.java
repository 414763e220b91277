package fr.paraphe.audit;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.audit.internal.AuditStore;
import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One firm's events are appended to one chain, one at a time (its head row locked). While one append waits for the
 * head row, the firm's other events wait for their turn without holding a pooled connection: one firm sealing fast
 * must not take the connections that every request needs (on PostgreSQL one firm's listeners held up to eight of
 * the pool's ten while waiting on their chain's head, and the firm's own seals then waited for a connection).
 */
@ParapheIntegrationTest
class AuditChainQueueIntegrationTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	AuditStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource pool;

	record Queued(FirmId firm, String actor, String action, Map<String, String> details, UUID eventId)
			implements Auditable {
	}

	@Test
	void eventsWaitingForTheirChainHoldNoConnection() {
		FirmId firm = FirmId.random();
		// The chain exists, then its head row is held by a transaction of the test's own.
		transactions.executeWithoutResult(
				s -> store.append(new Queued(firm, "u1", "test.queue", Map.of("n", "0"), UUID.randomUUID())));
		DefaultTransactionDefinition holding = new DefaultTransactionDefinition(
				TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		TransactionStatus held = transactionManager.getTransaction(holding);
		int events = 6;
		try {
			jdbc.sql("SELECT last_seq FROM audit_chain WHERE chain_id = :chain FOR UPDATE")
				.param("chain", firm.value())
				.query(Long.class)
				.single();
			for (int n = 1; n <= events; n++) {
				Queued event = new Queued(firm, "u1", "test.queue", Map.of("n", "" + n), UUID.randomUUID());
				new TransactionTemplate(transactionManager, new DefaultTransactionDefinition(
						TransactionDefinition.PROPAGATION_REQUIRES_NEW)).executeWithoutResult(s -> this.events.publishEvent(event));
			}
			// One listener waits on the head row with its connection; the others wait before taking one. Watched for
			// 500 ms once one waits (H2 gives up a row lock after about a second, and an append that gave up is only retried later):
			// the sessions waiting for a lock, as the database sees them.
			String waiting = fr.paraphe.shared.Databases.postgres(pool)
					? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%audit_chain%'"
					: "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
			await().pollInterval(Duration.ofMillis(5))
				.atMost(Duration.ofSeconds(10))
				.until(() -> jdbc.sql(waiting).query(Integer.class).single() >= 1);
			long end = System.nanoTime() + Duration.ofMillis(500).toNanos();
			int most = 0;
			while (System.nanoTime() < end) {
				most = Math.max(most, jdbc.sql(waiting).query(Integer.class).single());
			}
			assertThat(most).as("sessions waiting for the chain's head while it is held").isLessThanOrEqualTo(1);
		}
		finally {
			transactionManager.commit(held);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> entries(firm) == events + 1);
		assertThat(store.firstBreak()).isEmpty();
	}

	private int entries(FirmId firm) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE firm_id = :firm")
			.param("firm", firm.value())
			.query(Integer.class)
			.single();
	}

}
