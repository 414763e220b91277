package fr.paraphe.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import fr.paraphe.ParapheIntegrationTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: a request whose database connection is lost or cannot be had (a node of the database restarting, the
 * pool exhausted, a connection cut) was answered 500 "erreur inattendue". Its transaction is rolled back, so the
 * same request can be sent again: it is now 503 with {@code Retry-After}, as problem details on the API and a French
 * page elsewhere. Here the pool is really exhausted: the test holds every connection of the application's pool.
 */
@ParapheIntegrationTest
class LostDatabaseIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void aRequestThatCannotReachTheDatabaseIsA503ToRetry() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		long timeout = dataSource.getConnectionTimeout();
		List<Connection> held = new ArrayList<>();
		dataSource.getHikariConfigMXBean().setConnectionTimeout(500);
		HttpResponse<String> api;
		HttpResponse<String> page;
		try {
			for (int i = 0; i < dataSource.getMaximumPoolSize(); i++) {
				held.add(dataSource.getConnection());
			}
			api = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/seals?sha256="
					+ "0".repeat(64)))
				.header("Authorization", "Bearer pph_" + "0".repeat(40))
				.build(), HttpResponse.BodyHandlers.ofString());
			page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tarifs"))
				.header("Accept", "text/html")
				.header("Accept-Language", "fr")
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
			dataSource.getHikariConfigMXBean().setConnectionTimeout(timeout);
		}

		assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
		assertThat(api.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(api.body()).contains("\"status\":503", "momentanément indisponible").doesNotContain("Exception");

		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(Jsoup.parse(page.body()).select("#error-title").text()).isEqualTo("Service indisponible");
		assertThat(page.body()).doesNotContain("Exception", "\tat ");
	}

	@Test
	void onlyALostDatabaseIsTakenForATemporaryFailure() {
		assertThat(ErrorPages.lostDatabase(new RuntimeException(new java.sql.SQLException("terminated", "57P01"))))
			.isTrue();
		assertThat(ErrorPages.lostDatabase(new org.springframework.jdbc.CannotGetJdbcConnectionException("pool")))
			.isTrue();
		assertThat(ErrorPages.lostDatabase(new java.sql.SQLException("I/O error", "08006"))).isTrue();
		assertThat(ErrorPages.lostDatabase(new java.sql.SQLException("duplicate key", "23505"))).isFalse();
		assertThat(ErrorPages.lostDatabase(new IllegalStateException("a bug"))).isFalse();
		assertThat(ErrorPages.lostDatabase(null)).isFalse();
	}

}
