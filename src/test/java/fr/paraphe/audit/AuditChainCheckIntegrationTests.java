package fr.paraphe.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.audit.internal.AuditStore;
import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broken chain shows: the verification (scheduled, or asked for by an administrator on /admin/journal)
 * finds it, the health indicator turns DOWN on every node, and the administrators' page says where.
 */
@ParapheIntegrationTest
class AuditChainCheckIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	AuditStore store;

	@Autowired
	AuditChainCheck check;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	record Checked(FirmId firm, String actor, String action, Map<String, String> details, UUID eventId)
			implements Auditable {
	}

	@Test
	void aBrokenChainTurnsTheHealthDownAndShowsOnTheAdministratorsPage() throws Exception {
		FirmId firm = FirmId.random();
		AuditEntry entry = transactions
			.execute(s -> store.append(new Checked(firm, "u1", "test.check", Map.of("a", "1"), UUID.randomUUID())));
		DemoLogin admin = new DemoLogin(port).loginAs("admin");
		admin.send(verifyNow(admin));
		assertThat(health()).isEqualTo(200);
		assertThat(Jsoup.parse(admin.get("/admin/journal").body()).select("#audit-intact").text()).contains("intactes");

		jdbc.sql("UPDATE audit_entry SET actor = 'someone else' WHERE firm_id = :firm AND seq = :seq")
			.param("firm", firm.value())
			.param("seq", entry.seq())
			.update();
		try {
			// The scheduled check runs once an hour across the cluster, whoever ran it last: an earlier run of the
			// suite on the same database (within the hour) would have it skipped here.
			jdbc.sql("UPDATE scheduled_job_lock SET locked_until = :epoch WHERE name = 'audit-chain-check'")
				.param("epoch", java.sql.Timestamp.from(java.time.Instant.EPOCH))
				.update();
			check.scheduled();
			assertThat(check.health().getStatus().getCode()).isEqualTo("DOWN");
			assertThat(health()).isEqualTo(503);
			assertThat(Jsoup.parse(admin.get("/admin/journal").body()).select("#audit-broken").text())
				.contains("rompu", firm.value().toString());
		}
		finally {
			jdbc.sql("UPDATE audit_entry SET actor = 'u1' WHERE firm_id = :firm AND seq = :seq")
				.param("firm", firm.value())
				.param("seq", entry.seq())
				.update();
		}
		admin.send(verifyNow(admin));
		assertThat(check.health().getStatus().getCode()).isEqualTo("UP");
		assertThat(health()).isEqualTo(200);
	}

	/**
	 * The verification reads the chains' heads and their entries while other transactions keep appending (to
	 * existing chains and to new ones): what was appended after it started is no break (it was called one under
	 * load, every few minutes, by the scheduled check).
	 */
	@Test
	void entriesAppendedDuringTheVerificationAreNoBreak() throws Exception {
		java.util.List<FirmId> firms = java.util.stream.Stream.generate(FirmId::random).limit(4).toList();
		java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
		java.util.concurrent.atomic.AtomicInteger appended = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.ExecutorService appenders = java.util.concurrent.Executors.newFixedThreadPool(3);
		java.util.List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
		for (int t = 0; t < 3; t++) {
			int thread = t;
			running.add(appenders.submit(() -> {
				int n = 0;
				while (!stop.get()) {
					// Mostly existing chains, sometimes a chain of its own (a firm's first entry).
					n++;
					FirmId firm = n % 5 == 0 ? FirmId.random() : firms.get((thread + n) % firms.size());
					Checked event = new Checked(firm, "u" + thread, "test.concurrent", Map.of("n", "" + n),
							UUID.randomUUID());
					transactions.executeWithoutResult(s -> store.append(event));
					appended.incrementAndGet();
				}
				return null;
			}));
		}
		java.util.List<java.util.Optional<ChainBreak>> breaks = new java.util.ArrayList<>();
		try {
			while (appended.get() < 50) {
				Thread.onSpinWait();
			}
			for (int n = 0; n < 40; n++) {
				breaks.add(transactions.execute(s -> store.firstBreak()));
			}
		}
		finally {
			stop.set(true);
			for (java.util.concurrent.Future<?> appender : running) {
				appender.get();
			}
			appenders.shutdown();
		}
		assertThat(breaks).hasSize(40).containsOnly(java.util.Optional.empty());
		java.util.Optional<ChainBreak> after = transactions.execute(s -> store.firstBreak());
		assertThat(after).isEmpty();
	}

	private static HttpRequest.Builder verifyNow(DemoLogin admin) {
		return HttpRequest.newBuilder(URI.create(admin.url("/admin/journal/verifier")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + admin.csrfToken()));
	}

	private int health() throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

}
