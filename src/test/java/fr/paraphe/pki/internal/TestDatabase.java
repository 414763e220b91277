package fr.paraphe.pki.internal;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh in-memory H2 database (PostgreSQL mode) with the PKI's migrations, for tests without Spring. */
record TestDatabase(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {

	static TestDatabase create() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:pki-" + java.util.UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000",
				"sa", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/pki").load().migrate();
		return new TestDatabase(dataSource, JdbcClient.create(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

}
