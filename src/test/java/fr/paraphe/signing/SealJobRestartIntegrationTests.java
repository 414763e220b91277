package fr.paraphe.signing;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.ParapheApplication;
import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.shared.Money;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk sealing job whose node stops halfway (its application context closed in the middle of the work: the
 * worker threads interrupted, the connections closed, documents claimed and perhaps sealed but not recorded) and a
 * new node started on the same database: the job finishes with every document sealed once and debited once,
 * nothing twice, and the ledger adding up to the balance. 200 documents on PostgreSQL (with
 * {@code -Dparaphe.test.db.url=jdbc:postgresql://…}), 40 on the in-memory H2 otherwise.
 */
class SealJobRestartIntegrationTests {

	@Test
	void aJobInterruptedByANodeStopFinishesOnTheNextNodeWithEachDocumentSealedAndDebitedOnce() throws Exception {
		String postgres = System.getProperty("paraphe.test.db.url", "");
		boolean onPostgres = postgres.startsWith("jdbc:postgresql:");
		if (!onPostgres) {
			interruptedJob("jdbc:h2:mem:seal-job-restart-" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", 60, false);
			return;
		}
		// A database of the two nodes' own: the suite's other application contexts (cached by Spring's test
		// framework) share the test database, and their seal-job workers would take part in this job with their own
		// settings (the CI run on PostgreSQL once saw one finish it without the platform seal: no manifest.pdf).
		String server = postgres.substring(0, postgres.lastIndexOf('/'));
		String own = "paraphe_restart_" + UUID.randomUUID().toString().replace("-", "");
		JdbcClient admin = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
				server + "/postgres", System.getProperty("paraphe.test.db.user", "postgres"), ""));
		admin.sql("CREATE DATABASE " + own).update();
		try {
			interruptedJob(server + "/" + own, 200, true);
		}
		finally {
			admin.sql("DROP DATABASE IF EXISTS " + own + " WITH (FORCE)").update();
		}
	}

	private void interruptedJob(String url, int count, boolean onPostgres) throws Exception {

		// The first node slower (one worker thread, two documents a claim), so that it stops in the middle.
		ConfigurableApplicationContext first = node(url, "--paraphe.signing.seal-jobs.workers=1",
				"--paraphe.signing.seal-jobs.batch=2");
		SealJobClient client = SealJobClient.newFirm(first, port(first), Money.parse("1000"));
		Money price = first.getBean(Billing.class).price(Operation.SEAL);
		Money credited = first.getBean(Billing.class).balance(client.firm, client.owner.id());
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			files.put("bulletin-" + i + ".pdf", SealJobClient.onePage("Bulletin de paie " + i));
		}
		HttpResponse<byte[]> accepted = client.submit(files, List.of("level", "B-B"));
		assertThat(accepted.statusCode()).as(new String(accepted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
		String location = accepted.headers().firstValue("Location").orElseThrow();
		String job = location.substring(location.lastIndexOf('/') + 1);

		// Stop the node in the middle of the work.
		int doneAtStop;
		try {
			long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
			while (client.status(location).get("done").asInt() < count / 4 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
		}
		finally {
			first.close();
		}
		JdbcClient database = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(url,
				System.getProperty("paraphe.test.db.user", onPostgres ? "postgres" : "sa"), ""));
		doneAtStop = database.sql("SELECT COUNT(*) FROM seal_job_document WHERE job_id = ? AND status = 'SEALED'")
			.param(UUID.fromString(job))
			.query(Integer.class)
			.single();
		assertThat(doneAtStop).as("the node stopped in the middle").isBetween(count / 4, count - 1);

		ConfigurableApplicationContext second = node(url, "--paraphe.signing.seal-jobs.batch=8");
		try {
			SealJobClient again = client.on(port(second));
			JsonNode status = again.awaitCompleted(location, Duration.ofMinutes(10));
			assertThat(status.get("status").asString()).isEqualTo("COMPLETED");
			assertThat(status.get("done").asInt()).isEqualTo(count);
			assertThat(status.get("failed").asInt()).isZero();

			// Exactly one debit per document, each key once, no reservation left, the ledger adds up to the balance.
			UUID firm = client.firm.value();
			List<Map<String, Object>> debits = database
				.sql("SELECT idempotency_key, COUNT(*) AS n FROM billing_entry WHERE firm_id = ? AND kind = 'DEBIT' GROUP BY idempotency_key")
				.param(firm)
				.query()
				.listOfRows();
			assertThat(debits).hasSize(count);
			assertThat(debits).allSatisfy(row -> assertThat(((Number) row.get("n")).intValue()).isEqualTo(1));
			assertThat(debits).extracting(row -> (String) row.get("idempotency_key"))
				.allSatisfy(key -> assertThat(key).startsWith("sealjob:" + job + ":"));
			assertThat(database.sql("SELECT COUNT(*) FROM billing_reservation WHERE firm_id = ? AND status = 'ACTIVE'")
				.param(firm)
				.query(Integer.class)
				.single()).isZero();
			assertThat(database.sql("SELECT COUNT(*) FROM billing_reservation WHERE firm_id = ? AND status = 'SETTLED'")
				.param(firm)
				.query(Integer.class)
				.single()).isEqualTo(count);
			Money balance = second.getBean(Billing.class).balance(client.firm, client.owner.id());
			assertThat(balance).isEqualTo(credited.minus(price.times(count)));
			long ledger = SealJobClient.ledgerCents(database, firm);
			assertThat(ledger).as("the ledger adds up to the balance").isEqualTo(balance.cents());
			// One document in the firm's register per sealed document, one sealed PDF each in the result.
			assertThat(database.sql("SELECT COUNT(*) FROM signing_document WHERE firm_id = ?")
				.param(firm)
				.query(Integer.class)
				.single()).isEqualTo(count);
			Map<String, byte[]> zip = again.result(location);
			assertThat(zip).hasSize(count + 2).containsKeys("manifest.json", "manifest.pdf");
			assertThat(zip.keySet().stream().filter(name -> name.endsWith("-cachete.pdf")).distinct()).hasSize(count);
			// The ledger: one entry per document (its reservation turned into its debit), none reserved or released.
			assertThat(database.sql("SELECT COUNT(*) FROM billing_entry WHERE firm_id = ? AND kind <> 'CREDIT'")
				.param(firm)
				.query(Integer.class)
				.single()).isEqualTo(count);
			// The audit trail: one entry per recorded batch, not per document, naming every document exactly once
			// with its sealed SHA-256 (as the manifest does), however the job was cut by the restart.
			JsonNode manifest = SealJobClient.JSON.readTree(zip.get("manifest.json"));
			Map<String, String> sealedHashes = new java.util.HashMap<>();
			manifest.get("files").forEach(file -> sealedHashes.put(file.get("index").asString(),
					file.get("sha256After").asString()));
			List<String> audited = auditedDocuments(database, firm, job, count);
			assertThat(audited).hasSize(count).doesNotHaveDuplicates();
			assertThat(audited).allSatisfy(entry -> assertThat(entry.substring(entry.indexOf(':') + 1))
				.isEqualTo(sealedHashes.get(entry.substring(0, entry.indexOf(':')))));
			assertThat(database.sql("SELECT COUNT(*) FROM audit_entry WHERE firm_id = ? AND action = 'signing.job.documents.sealed'")
				.param(firm)
				.query(Integer.class)
				.single()).isLessThanOrEqualTo(count / 2);
			assertThat(database.sql("SELECT COUNT(*) FROM audit_entry WHERE firm_id = ? AND action = 'signing.document.sealed'")
				.param(firm)
				.query(Integer.class)
				.single()).isZero();
		}
		finally {
			second.close();
		}
	}

	/**
	 * The job's documents named by its audit entries ({@code <index>:<sha256>}, one item per naming), once their
	 * count reaches {@code count} (the listener runs after each batch's commit; what the stopped node left is
	 * resubmitted by the second) or after two minutes.
	 */
	private static List<String> auditedDocuments(JdbcClient database, UUID firm, String job, int count)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (true) {
			List<String> audited = new java.util.ArrayList<>();
			for (String details : database
				.sql("SELECT details FROM audit_entry WHERE firm_id = ? AND action = 'signing.job.documents.sealed'")
				.param(firm)
				.query(String.class)
				.list()) {
				JsonNode parsed = SealJobClient.JSON.readTree(details);
				if (job.equals(parsed.get("job").asString())) {
					audited.addAll(List.of(parsed.get("documents").asString().split(",")));
				}
			}
			if (audited.size() >= count || System.nanoTime() > deadline) {
				return audited;
			}
			Thread.sleep(200);
		}
	}

	/** A node of the application on this database, on a random port, with short leases and the platform's seal. */
	private static ConfigurableApplicationContext node(String url, String... more) {
		List<String> arguments = new java.util.ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
				"--paraphe.signing.seal-jobs.lease=PT3S", "--paraphe.signing.seal-jobs.poll=PT0.5S",
				// What the stopped node's listeners had not finished, the second node resubmits soon.
				"--paraphe.events.resubmit-after=PT2S", "--paraphe.events.resubmit-every=PT1S",
				"--paraphe.signing.platform-seal.siren=123456782",
				"--paraphe.signing.platform-seal.name=Paraphe Plateforme"));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(ParapheApplication.class).profiles("test").run(arguments.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext node) {
		return ((WebServerApplicationContext) node).getWebServer().getPort();
	}

}
