package fr.paraphe.system;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import fr.paraphe.ParapheIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL only ({@code mvn verify -Ppostgres}): a statement prepared while its table was empty must not keep a plan
 * that reads every entry of a firm once the firm has thousands (the finding of 2026-12-02: a firm's ledger lookup by
 * key read 3,000-3,500 entries per call on the CI machine's PostgreSQL, whose autovacuum is off).
 */
@ParapheIntegrationTest
@EnabledIfSystemProperty(named = "paraphe.test.db.url", matches = "jdbc:postgresql:.*")
class PostgresSessionsIntegrationTests {

	private static final String FIRM = "00000000-0000-0000-0000-000000000001";

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void everyPooledSessionPlansWithItsParameters() throws Exception {
		// All of the pool's connections held at once, so that each is a different session.
		List<java.sql.Connection> held = new java.util.ArrayList<>();
		try {
			for (int i = 0; i < dataSource.getMaximumPoolSize(); i++) {
				java.sql.Connection connection = dataSource.getConnection();
				held.add(connection);
				try (var statement = connection.createStatement(); var result = statement.executeQuery("SHOW plan_cache_mode")) {
					assertThat(result.next()).isTrue();
					assertThat(result.getString(1)).isEqualTo("force_custom_plan");
				}
			}
		}
		finally {
			for (java.sql.Connection connection : held) {
				connection.close();
			}
		}
	}

	@Test
	void aLookupPreparedOnAnEmptyLedgerUsesTheKeyIndexOnceTheFirmHasThousandsOfEntries() {
		// PostgreSQL's default (auto): the generic plan made on the empty table filters the firm's 5,000 entries.
		assertThat(planAfterGrowth("auto")).anyMatch(line -> line.contains("Rows Removed by Filter: 5000"));
		// The pool's sessions (force_custom_plan): one index lookup on both columns, no entry read and dropped.
		List<String> plan = planAfterGrowth(null);
		assertThat(plan).noneMatch(line -> line.contains("Rows Removed by Filter"));
		assertThat(plan).anyMatch(line -> line.contains("Index Cond") && line.contains("firm") && line.contains("key"));
	}

	/**
	 * In one transaction rolled back at the end (so that no setting leaks into the pool): a ledger-shaped temporary
	 * table, as the migrations create it (empty, never analysed), a lookup prepared and run six times on it (the
	 * driver's and the server's threshold for a generic plan is five), 5,000 entries of one firm, then the lookup's
	 * plan. {@code mode} set for the transaction only, or the session's own when null.
	 */
	private List<String> planAfterGrowth(String mode) {
		return transactions.execute(status -> {
			status.setRollbackOnly();
			if (mode != null) {
				jdbc.sql("SET LOCAL plan_cache_mode = " + mode).update();
			}
			jdbc.sql("""
					CREATE TEMPORARY TABLE ledger (id uuid PRIMARY KEY, firm uuid NOT NULL, seq bigint NOT NULL,
					  key varchar(200) NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
					  UNIQUE (firm, seq), UNIQUE (firm, key)) ON COMMIT DROP""").update();
			jdbc.sql("CREATE INDEX ON ledger (firm, created_at)").update();
			jdbc.sql("PREPARE lookup(uuid, varchar) AS SELECT * FROM ledger WHERE firm = $1 AND key = $2").update();
			for (int i = 0; i < 6; i++) {
				jdbc.sql("EXECUTE lookup('" + FIRM + "', 'seal:absent')").query((rs, n) -> n).list();
			}
			jdbc.sql("INSERT INTO ledger (id, firm, seq, key) SELECT gen_random_uuid(), '" + FIRM
					+ "', g, 'seal:' || gen_random_uuid() FROM generate_series(1, 5000) g").update();
			List<String> plan = jdbc.sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) EXECUTE lookup('" + FIRM + "', 'seal:x')")
				.query(String.class)
				.list();
			jdbc.sql("DEALLOCATE lookup").update();
			return plan;
		});
	}

}
