package fr.paraphe.audit;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.test.util.AopTestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event publication registry delivers at least once: a second delivery of one event (a restart, a
 * resubmission, a node that re-ran it) must not append a second entry.
 */
@ParapheIntegrationTest
class ExactlyOnceAuditIntegrationTests {

	@Autowired
	AuditRecorder recorder;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	record Happened(FirmId firm, String actor, String action, Map<String, String> details, UUID eventId)
			implements Auditable {
	}

	@Test
	void anEventDeliveredTwiceIsRecordedOnce() {
		FirmId firm = FirmId.random();
		Happened event = new Happened(firm, "u1", "test.twice", Map.of("n", "1"), UUID.randomUUID());
		transactions.executeWithoutResult(s -> events.publishEvent(event));
		await().atMost(Duration.ofSeconds(15)).until(() -> entries(firm) == 1);

		deliverAgain(event);
		deliverAgain(event);

		assertThat(entries(firm)).isEqualTo(1);
		assertThat(incompletePublications()).isZero();
	}

	@Test
	void twoEqualLookingEventsAreTwoEntries() {
		FirmId firm = FirmId.random();
		deliverAgain(new Happened(firm, "u1", "test.same", Map.of(), UUID.randomUUID()));
		deliverAgain(new Happened(firm, "u1", "test.same", Map.of(), UUID.randomUUID()));
		assertThat(entries(firm)).isEqualTo(2);
	}

	@Test
	void publicationsAreUnderFlywayAndNotRepublishedByARestartingNode() {
		assertThat(environment.getProperty("spring.modulith.events.republish-outstanding-events-on-restart", Boolean.class))
			.isFalse();
		assertThat(environment.getProperty("spring.modulith.events.jdbc.schema-initialization.enabled", Boolean.class))
			.isFalse();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE script LIKE '%event_publication%'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	/** What the registry does on a resubmission: the listener again, in its own transaction (here synchronously). */
	private void deliverAgain(Auditable event) {
		AuditRecorder target = AopTestUtils.getTargetObject(recorder);
		transactions.executeWithoutResult(s -> target.on(event));
	}

	private int entries(FirmId firm) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE firm_id = :firm")
			.param("firm", firm.value())
			.query(Integer.class)
			.single();
	}

	private int incompletePublications() {
		return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND listener_id LIKE '%AuditRecorder%' AND serialized_event LIKE '%test.twice%'")
			.query(Integer.class)
			.single();
	}

}
