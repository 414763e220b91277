package fr.paraphe.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import fr.paraphe.ParapheIntegrationTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.thymeleaf.exceptions.TemplateProcessingException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 12's chaos run: the nodes' database connections cut ({@code pg_terminate_backend}) in the middle of requests
 * left a few 500s that {@link ErrorPages#lostDatabase} did not take for a lost database. They were all one kind: the
 * statement failed with SQL state 57P01, HikariCP replaced the broken connection by a closed one, the transaction's
 * rollback then failed with a bare "Connection is closed" (no SQL state), and Spring's
 * {@link TransactionSystemException} "JDBC rollback failed" kept the 57P01 as its application exception, not as its
 * cause. Here each place the chaos run met it is reproduced on a real PostgreSQL with a real termination: the test
 * locks the table the request reads or writes, waits until the request's backend waits on that lock, terminates
 * that backend, then releases the lock. Each must be a 503 with Retry-After, never a 500 nor a stack trace.
 * PostgreSQL only ({@code -Ppostgres}): H2 in memory cannot terminate a session the way a server does.
 */
@ParapheIntegrationTest
class CutConnectionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	HikariDataSource dataSource;

	final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@BeforeEach
	void onPostgreSql() {
		assumeTrue(dataSource.getJdbcUrl().startsWith("jdbc:postgresql:"), "PostgreSQL only (mvn verify -Ppostgres)");
	}

	/** The validation API's rate limit, taken in a filter by a TransactionTemplate (shared.TokenBuckets). */
	@Test
	void aRateLimitTakenWhileTheConnectionIsCutIsA503ProblemToRetry() throws Exception {
		String boundary = "cut" + UUID.randomUUID();
		byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--" + boundary + "--\r\n")
			.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> answer = cutWhileWaiting("validation_rate_bucket",
				request("/api/v1/validations").header("Content-Type", "multipart/form-data; boundary=" + boundary)
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build());

		assertProblem503(answer);
	}

	/** An API key checked by the API's gate, a {@code @Transactional} method (TransactionInterceptor). */
	@Test
	void anApiKeyCheckedWhileTheConnectionIsCutIsA503ProblemToRetry() throws Exception {
		HttpResponse<String> answer = cutWhileWaiting("signing_api_key",
				request("/api/v1/seals/" + UUID.randomUUID()).header("Authorization", "Bearer pph_" + "7".repeat(40))
					.build());

		assertProblem503(answer);
	}

	/** The session of a page looked up by Spring Session's filter (JdbcIndexedSessionRepository.findById). */
	@Test
	void aSessionLookedUpWhileTheConnectionIsCutIsAFrench503Page() throws Exception {
		String cookie = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> answer = cutWhileWaiting("spring_session",
				request("/signer").header("Accept", "text/html").header("Cookie", "PARAPHE_SESSION=" + cookie).build());

		assertPage503(answer);
	}

	/**
	 * A session made while the page renders (the form's CSRF token) and saved when Thymeleaf flushes the page: the
	 * failure reaches the error page inside Thymeleaf's TemplateProcessingException.
	 */
	@Test
	void aSessionSavedWhileThePageRendersAndTheConnectionIsCutIsAFrench503Page() throws Exception {
		HttpResponse<String> answer = cutWhileWaiting("spring_session",
				request("/valider").header("Accept", "text/html").build());

		assertPage503(answer);
	}

	/**
	 * A page's new session cut while its insert commits, as Thymeleaf flushes the page: the commit fails (57P01), its
	 * rollback fails on the closed connection, and Spring throws the rollback's failure without the commit's (the
	 * chaos run's last 500s, on pages and on the API's key check).
	 */
	@Test
	void aSessionCutWhileItCommitsIsAFrench503Page() throws Exception {
		HttpResponse<String> answer = cutWhileCommitting("spring_session",
				request("/valider").header("Accept", "text/html").build());

		assertPage503(answer);
	}

	@Test
	void aFailedRollbackIsALostDatabaseOnlyWhenTheStatementLostIt() {
		TransactionSystemException afterCut = new TransactionSystemException("JDBC rollback failed",
				new java.sql.SQLException("Connection is closed"));
		afterCut.initApplicationException(new DataAccessResourceFailureException("terminated",
				new java.sql.SQLException("terminating connection due to administrator command", "57P01")));
		assertThat(ErrorPages.lostDatabase(afterCut)).isTrue();
		assertThat(ErrorPages.lostDatabase(new TemplateProcessingException("signing/sign", afterCut))).isTrue();

		TransactionSystemException afterBug = new TransactionSystemException("JDBC rollback failed",
				new java.sql.SQLException("Connection is closed"));
		afterBug.initApplicationException(new NullPointerException("a bug"));
		assertThat(ErrorPages.lostDatabase(afterBug)).isFalse();
		// The commit lost the connection, then the rollback failed on it: Spring throws the rollback's failure alone.
		assertThat(ErrorPages.lostDatabase(new TransactionSystemException("JDBC rollback failed",
				new java.sql.SQLException("Connection is closed")))).isTrue();
		assertThat(ErrorPages.lostDatabase(new TransactionSystemException("JDBC rollback failed",
				new java.sql.SQLException("duplicate key", "23505")))).isFalse();
		assertThat(ErrorPages.lostDatabase(new TemplateProcessingException("a bug", new NullPointerException())))
			.isFalse();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept-Language", "fr")
			.timeout(Duration.ofSeconds(90));
	}

	/**
	 * Sends the request while a connection of the test's own holds {@code table} locked, terminates the backend
	 * that waits on that lock (the request's), releases the lock, and returns the answer.
	 */
	private HttpResponse<String> cutWhileWaiting(String table, HttpRequest request) throws Exception {
		CompletableFuture<HttpResponse<String>> answer;
		int terminated = 0;
		try (Connection holder = connect(); Statement lock = holder.createStatement()) {
			holder.setAutoCommit(false);
			lock.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
			int holderPid = pid(lock);
			answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (terminated == 0 && !answer.isDone() && System.nanoTime() < deadline) {
				// Not Spring Session's cleanup (every minute at :00), which may wait on spring_session too: cutting it
				// instead of the request's connection left the request to answer 200 once.
				try (ResultSet cut = lock.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
						+ "WHERE " + holderPid + " = ANY(pg_blocking_pids(pid)) AND query NOT ILIKE '%WHERE EXPIRY_TIME <%'")) {
					cut.next();
					terminated = cut.getInt(1);
				}
				if (terminated == 0) {
					Thread.sleep(20);
				}
			}
			holder.rollback();
		}
		assertThat(terminated).as("the request's connection waited on " + table + " and was terminated")
			.isPositive();
		return answer.get(90, TimeUnit.SECONDS);
	}

	/**
	 * Sends the request while a deferred constraint trigger on {@code table} makes its transaction's COMMIT wait for
	 * an advisory lock the test holds, terminates the backend waiting in that COMMIT, and returns the answer. The
	 * trigger is dropped afterwards.
	 */
	private HttpResponse<String> cutWhileCommitting(String table, HttpRequest request) throws Exception {
		CompletableFuture<HttpResponse<String>> answer;
		int terminated = 0;
		String waiting = null;
		try (Connection admin = connect(); Statement ddl = admin.createStatement()) {
			ddl.execute("CREATE OR REPLACE FUNCTION paraphe_test_wait_at_commit() RETURNS trigger LANGUAGE plpgsql AS "
					+ "$$ BEGIN PERFORM pg_advisory_xact_lock_shared(4212); RETURN NULL; END $$");
			ddl.execute("CREATE CONSTRAINT TRIGGER paraphe_test_wait_at_commit AFTER INSERT OR UPDATE ON " + table
					+ " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION paraphe_test_wait_at_commit()");
			try (Connection holder = connect(); Statement lock = holder.createStatement()) {
				holder.setAutoCommit(false);
				lock.execute("SELECT pg_advisory_xact_lock(4212)");
				int holderPid = pid(lock);
				answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (terminated == 0 && !answer.isDone() && System.nanoTime() < deadline) {
					try (ResultSet cut = lock.executeQuery("SELECT count(pg_terminate_backend(pid)) FILTER (WHERE query ILIKE "
							+ "'commit%'), string_agg(query, ' | ') FROM pg_stat_activity WHERE " + holderPid
							+ " = ANY(pg_blocking_pids(pid))")) {
						cut.next();
						terminated = cut.getInt(1);
						waiting = cut.getString(2);
					}
					if (terminated == 0) {
						Thread.sleep(20);
					}
				}
				if (terminated == 0) {
					// What the database's other sessions were doing, for the failure's message (once, in CI, the
					// request's session save held its connection for the whole minute without being seen waiting
					// on this lock).
					waiting += "; every active session: " + activity(lock);
				}
				holder.rollback();
			}
			finally {
				ddl.execute("DROP TRIGGER paraphe_test_wait_at_commit ON " + table);
				ddl.execute("DROP FUNCTION paraphe_test_wait_at_commit()");
			}
		}
		assertThat(terminated).as("the request's COMMIT waited and was terminated (waiting: " + waiting + ")")
			.isPositive();
		return answer.get(90, TimeUnit.SECONDS);
	}

	private static String activity(Statement statement) throws java.sql.SQLException {
		try (ResultSet activity = statement.executeQuery("SELECT string_agg(pid || ' ' || state || ' ' || coalesce("
				+ "wait_event_type, '-') || '/' || coalesce(wait_event, '-') || ' blocked by ' || pg_blocking_pids(pid)::text"
				+ " || ': ' || left(query, 100), ' | ') FROM pg_stat_activity WHERE datname = current_database()"
				+ " AND state <> 'idle' AND pid <> pg_backend_pid()")) {
			activity.next();
			return activity.getString(1);
		}
	}

	private Connection connect() throws java.sql.SQLException {
		return DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
	}

	private static int pid(Statement statement) throws Exception {
		try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
			pid.next();
			return pid.getInt(1);
		}
	}

	private static void assertProblem503(HttpResponse<String> answer) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.body()).contains("\"status\":503", "momentanément indisponible")
			.doesNotContain("Exception", "Connection is closed");
	}

	private static void assertPage503(HttpResponse<String> answer) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(Jsoup.parse(answer.body()).select("#error-title").text()).isEqualTo("Service indisponible");
		assertThat(answer.body()).doesNotContain("Exception", "\tat ", "Connection is closed");
	}

}
