package fr.paraphe.system;

import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import fr.paraphe.shared.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every pooled PostgreSQL session plans each statement with its parameters ({@code plan_cache_mode =
 * force_custom_plan}, {@code paraphe.db.plan-cache-mode}; {@code auto} restores PostgreSQL's default).
 * <p>
 * Why: the driver prepares a statement on the server from its fifth execution, and PostgreSQL may then keep one
 * generic plan for the connection's life, planned while the tables were small. On a database whose statistics are
 * never refreshed (autovacuum off, as on the CI machine's PostgreSQL), a firm's ledger lookup by its key
 * ({@code firm_id = ? AND idempotency_key = ?}) kept a plan made on an empty table: the {@code (firm_id, seq)} index
 * with the key as a filter, reading every entry of the firm (3,000-3,500 rows, 20-30 ms, seen by
 * {@code auto_explain}) where the unique {@code (firm_id, idempotency_key)} index reads one. One firm's seals then
 * slowed with its history, eight firms' eight times less (docs/benchmarks-signing.md, 2026-12-02). A custom plan costs
 * 0.02-0.2 ms of planning per statement and follows each firm's size.
 * <p>
 * The pool is recognised by its URL, not by asking the database ({@code Databases.postgres}): that would open a
 * connection before the setting is in place.
 */
@Component
class PostgresSessions implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(PostgresSessions.class);

	private static final Set<String> MODES = Set.of("auto", "force_custom_plan", "force_generic_plan");

	private final String planCacheMode;

	PostgresSessions(@Value("${paraphe.db.plan-cache-mode}") String planCacheMode) {
		if (!MODES.contains(planCacheMode)) {
			throw new IllegalStateException("paraphe.db.plan-cache-mode must be one of " + MODES + ", not " + planCacheMode);
		}
		this.planCacheMode = planCacheMode;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
			if (pool.getConnectionInitSql() == null) {
				pool.setConnectionInitSql("SET plan_cache_mode = " + planCacheMode);
			}
			else {
				log.warn("spring.datasource.hikari.connection-init-sql is set: paraphe.db.plan-cache-mode is not applied;"
						+ " add 'SET plan_cache_mode = {}' to it", planCacheMode);
			}
		}
		return bean;
	}

	/**
	 * Warns at start-up when PostgreSQL's autovacuum is off: the tables then keep their dead row versions (the rate
	 * buckets', the event publications', the ledger's settled entries) and the planner has no statistics.
	 */
	@Component
	static class AutovacuumCheck {

		private final DataSource dataSource;

		AutovacuumCheck(DataSource dataSource) {
			this.dataSource = dataSource;
		}

		@EventListener(ApplicationReadyEvent.class)
		void check() {
			if (!Databases.postgres(dataSource)) {
				return;
			}
			String autovacuum;
			try {
				autovacuum = JdbcClient.create(dataSource).sql("SHOW autovacuum").query(String.class).single();
			}
			catch (org.springframework.dao.DataAccessException unreachable) {
				// A warning's check must not stop the node (the database may be briefly away at start-up).
				log.warn("Could not read PostgreSQL's autovacuum setting: {}", unreachable.getMessage());
				return;
			}
			if (!"on".equals(autovacuum)) {
				log.warn("PostgreSQL's autovacuum is {}: dead row versions accumulate and the planner has no statistics;"
						+ " turn it on (autovacuum = on in postgresql.conf), see README's PostgreSQL section", autovacuum);
			}
		}

	}

}
