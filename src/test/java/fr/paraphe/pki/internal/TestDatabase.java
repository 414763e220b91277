package fr.paraphe.pki.internal;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database with the PKI's migrations, for tests without Spring: an in-memory H2 (PostgreSQL mode)
 * by default; with {@code -Ppostgres} (property {@code paraphe.test.db.url}) a new schema of the PostgreSQL
 * test database, dropped when the JVM exits, so that the row locks are tested on PostgreSQL too.
 */
record TestDatabase(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {

	static TestDatabase create() {
		String url = System.getProperty("paraphe.test.db.url", "");
		DriverManagerDataSource dataSource;
		if (url.startsWith("jdbc:postgresql:")) {
			String user = System.getProperty("paraphe.test.db.user", "postgres");
			String schema = "pki_test_" + UUID.randomUUID().toString().replace("-", "");
			DriverManagerDataSource admin = new DriverManagerDataSource(url, user, "");
			JdbcClient.create(admin).sql("CREATE SCHEMA " + schema).update();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					JdbcClient.create(admin).sql("DROP SCHEMA " + schema + " CASCADE").update();
				}
				catch (RuntimeException ignored) {
					// The database is dropped by .ci/run anyway.
				}
			}));
			dataSource = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
					user, "");
			Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration/pki").load().migrate();
		}
		else {
			dataSource = new DriverManagerDataSource("jdbc:h2:mem:pki-" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000",
					"sa", "");
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/pki").load().migrate();
		}
		return new TestDatabase(dataSource, JdbcClient.create(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

}
