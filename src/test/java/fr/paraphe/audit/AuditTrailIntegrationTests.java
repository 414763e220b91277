package fr.paraphe.audit;

import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.audit.internal.AuditStore;
import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trail is a hash chain: each entry names its predecessor's hash, and any later edit shows.
 */
@ParapheIntegrationTest
class AuditTrailIntegrationTests {

	@Autowired
	AuditStore store;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	record TestEvent(FirmId firm, String actor, String action, Map<String, String> details, UUID eventId)
			implements Auditable {

		TestEvent(FirmId firm, String actor, String action, Map<String, String> details) {
			this(firm, actor, action, details, UUID.randomUUID());
		}

	}

	@Test
	void entriesAreChainedAndAnEditIsDetected() {
		FirmId firm = FirmId.random();
		AuditEntry first = transactions.execute(s -> store.append(new TestEvent(firm, "u1", "test.one", Map.of("a", "1"))));
		AuditEntry second = transactions.execute(s -> store.append(new TestEvent(firm, "u1", "test.two", Map.of("b", "é"))));

		assertThat(second.seq()).isGreaterThan(first.seq());
		assertThat(second.previousHash()).isEqualTo(first.hash());
		assertThat(trail.forFirm(firm, 10)).containsExactly(second, first);
		assertThat(trail.firstBrokenEntry()).isEmpty();

		jdbc.sql("UPDATE audit_entry SET details = '{\"a\":\"2\"}' WHERE firm_id = :firm AND seq = :seq")
				.param("firm", firm.value())
				.param("seq", first.seq())
				.update();
		try {
			assertThat(trail.firstBrokenEntry()).isEqualTo(OptionalLong.of(first.seq()));
		}
		finally {
			// Put the entry back as it was: other tests share this database and verify the chain too.
			jdbc.sql("UPDATE audit_entry SET details = '{\"a\":\"1\"}' WHERE firm_id = :firm AND seq = :seq")
				.param("firm", firm.value())
				.param("seq", first.seq())
				.update();
		}
		assertThat(trail.firstBrokenEntry()).isEmpty();
	}

	/**
	 * The verification leaves aside entries appended while it reads (beyond the heads it read first), but an entry
	 * that no head covers even after the read was not appended by the trail: a row inserted by hand after a
	 * chain's end, or a chain with no head at all.
	 */
	@Test
	void anEntryBeyondItsChainsHeadIsABreak() {
		FirmId firm = FirmId.random();
		AuditEntry last = transactions.execute(s -> store.append(new TestEvent(firm, "u1", "test.one", Map.of())));
		FirmId headless = FirmId.random();
		for (FirmId chain : java.util.List.of(firm, headless)) {
			long seq = chain == firm ? last.seq() + 1 : 1;
			jdbc.sql("INSERT INTO audit_entry (chain_id, seq, event_id, occurred_at, firm_id, actor, action, details, prev_hash, hash) VALUES (:chain, :seq, :event, :at, :chain, 'u1', 'test.forged', '{}', :prev, :hash)")
				.param("chain", chain.value())
				.param("seq", seq)
				.param("event", UUID.randomUUID())
				.param("at", java.sql.Timestamp.from(java.time.Instant.now()))
				.param("prev", last.hash())
				.param("hash", "f".repeat(64))
				.update();
			try {
				assertThat(trail.firstBreak()).contains(new ChainBreak(chain.value(), seq));
			}
			finally {
				jdbc.sql("DELETE FROM audit_entry WHERE chain_id = :chain AND action = 'test.forged'")
					.param("chain", chain.value())
					.update();
			}
		}
		assertThat(trail.firstBreak()).isEmpty();
	}

}
