package fr.paraphe.system;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Spring Session JDBC, safe for several requests of one session at once (tabs, a double click). Each request
 * saves the attributes it added with an INSERT; two concurrent requests that both add one (the flash map of a
 * redirect) collided on the attributes' primary key and the second answered 500 after its work had committed.
 * The insert is an upsert instead: the last writer wins, as it does for an attribute both change.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	private static final String POSTGRESQL_UPSERT = """
			INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			VALUES (?, ?, ?)
			ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
			DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
			""";

	private static final String H2_UPSERT = """
			MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
			VALUES (?, ?, ?)
			""";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertSessionAttributes(DataSource dataSource) {
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot tell which database holds the sessions", e);
		}
		String upsert = product.toLowerCase(java.util.Locale.ROOT).contains("h2") ? H2_UPSERT : POSTGRESQL_UPSERT;
		return repository -> repository.setCreateSessionAttributeQuery(upsert);
	}

}
