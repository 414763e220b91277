package fr.paraphe.billing.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.shared.FirmId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL only ({@code mvn verify -Ppostgres}): a bulk job's batch of keys is looked up in the firm's ledger one
 * key at a time in the unique index, however many entries the firm has and whatever the planner knows of the table.
 * The finding of 2026-12-02: on a ledger never analysed (the CI machine's autovacuum is off; any new table waits for
 * autovacuum's first pass), PostgreSQL joined the keys by hashing every entry of the firm, read through the index on
 * (firm, seq): 12,000 entries read for 32 keys, 20 ms per batch, growing with the firm's history.
 */
@ParapheIntegrationTest
@EnabledIfSystemProperty(named = "paraphe.test.db.url", matches = "jdbc:postgresql:.*")
class LedgerKeysLookupIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	BillingStore store;

	@Test
	void aBatchOfKeysReadsOneEntryPerKeyInALedgerOfThousandsNeverAnalysed() {
		FirmId firm = FirmId.random();
		transactions.executeWithoutResult(status -> {
			status.setRollbackOnly();
			// The ledger as the migrations make it, never analysed: a temporary table of the same shape (columns,
			// constraints, indexes), which hides the real one from this session and which autovacuum never visits.
			jdbc.sql("CREATE TEMPORARY TABLE billing_entry (LIKE public.billing_entry INCLUDING ALL) ON COMMIT DROP")
				.update();
			jdbc.sql("""
					INSERT INTO billing_entry (id, firm_id, seq, kind, amount_cents, net_cents, vat_cents,
					  balance_after_cents, idempotency_key, actor, created_at)
					SELECT gen_random_uuid(), :firm, g, 'DEBIT', 30, 25, 5, 1000000, 'sealjob:bench:' || g, 'u', now()
					FROM generate_series(1, 5000) g""").param("firm", firm.value()).update();
			List<String> keys = IntStream.rangeClosed(4969, 5000).mapToObj(i -> "sealjob:bench:" + i).toList();
			long before = tuplesRead();
			Map<String, fr.paraphe.billing.Entry> found = store.findByKeys(firm, keys);
			long read = tuplesRead() - before;
			assertThat(found).hasSize(32).containsKeys("sealjob:bench:4969", "sealjob:bench:5000");
			// One entry per key (32), not the firm's 5,000.
			assertThat(read).as("ledger entries read for 32 keys").isLessThanOrEqualTo(32);
		});
	}

	/** Entries of this session's ledger read so far in this transaction, by any scan. */
	private long tuplesRead() {
		return jdbc.sql("SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_all_tables"
				+ " WHERE relid = 'pg_temp.billing_entry'::regclass")
			.query(Long.class)
			.single();
	}

}
