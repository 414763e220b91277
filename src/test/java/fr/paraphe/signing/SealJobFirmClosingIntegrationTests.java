package fr.paraphe.signing;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.paraphe.ParapheApplication;
import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.firm.Firms;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.pades.SigningKey;
import fr.paraphe.shared.Money;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a firm while one of its bulk seal jobs runs: the documents sealed before the closing stay sealed and
 * debited; the one a worker is sealing when the firm closes, and those not yet claimed, are failed with the reason
 * "firm closed", their reservations released, never debited, never recorded; the job ends as any job does (status,
 * manifest). The node has no worker threads of its own: the test drives the worker, and holds it inside a seal
 * while the firm closes, so the order of events is fixed, not left to timing. A database of its own (H2 in memory,
 * or a fresh PostgreSQL database with {@code -Dparaphe.test.db.url=jdbc:postgresql://…}): the suite's other
 * application contexts run seal-job workers on the shared test database, which would take part in this job.
 */
class SealJobFirmClosingIntegrationTests {

	@Test
	void closingTheFirmEndsItsRunningJobWithNothingSealedOrDebitedAfterTheClosing() throws Exception {
		String postgres = System.getProperty("paraphe.test.db.url", "");
		if (!postgres.startsWith("jdbc:postgresql:")) {
			closingDuringAJob("jdbc:h2:mem:seal-job-closing-" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa");
			return;
		}
		String server = postgres.substring(0, postgres.lastIndexOf('/'));
		String user = System.getProperty("paraphe.test.db.user", "postgres");
		String own = "paraphe_closing_" + UUID.randomUUID().toString().replace("-", "");
		JdbcClient admin = JdbcClient
			.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(server + "/postgres", user, ""));
		admin.sql("CREATE DATABASE " + own).update();
		try {
			closingDuringAJob(server + "/" + own, user);
		}
		finally {
			admin.sql("DROP DATABASE IF EXISTS " + own + " WITH (FORCE)").update();
		}
	}

	private void closingDuringAJob(String url, String user) throws Exception {
		HeldSeal held = new HeldSeal();
		ConfigurableApplicationContext node = new SpringApplicationBuilder(ParapheApplication.class).profiles("test")
			.initializers(context -> context.getBeanFactory().addBeanPostProcessor(held))
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
					"--paraphe.signing.seal-jobs.workers=0", "--paraphe.signing.seal-jobs.batch=2");
		ExecutorService worker = Executors.newSingleThreadExecutor();
		try {
			SealJobs jobs = node.getBean(SealJobs.class);
			Billing billing = node.getBean(Billing.class);
			JdbcClient database = node.getBean(JdbcClient.class);
			SealJobClient client = SealJobClient.newFirm(node,
					((WebServerApplicationContext) node).getWebServer().getPort(), Money.parse("100"));
			Money price = billing.price(Operation.SEAL);
			Money credited = billing.balance(client.firm, client.owner.id());
			Map<String, byte[]> files = new LinkedHashMap<>();
			for (int i = 0; i < 6; i++) {
				files.put("bulletin-" + i + ".pdf", SealJobClient.onePage("Bulletin de paie " + i));
			}
			HttpResponse<byte[]> accepted = client.submit(files, List.of("level", "B-B"));
			assertThat(accepted.statusCode()).as(new String(accepted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
			String location = accepted.headers().firstValue("Location").orElseThrow();
			UUID job = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

			// Two documents sealed before the closing.
			assertThat(jobs.work()).isEqualTo(2);
			// The next two claimed, the worker held inside the first one's seal while the firm closes.
			held.hold();
			Future<Integer> inFlight = worker.submit(jobs::work);
			assertThat(held.sealing.await(2, TimeUnit.MINUTES)).as("the worker is sealing").isTrue();
			node.getBean(Firms.class).close(client.firm, client.owner.id(), "Cabinet Lot", Map.of("balance", "REFUND"));
			held.release();
			assertThat(inFlight.get(2, TimeUnit.MINUTES)).isEqualTo(2);
			// Nothing is left to claim: the last two were never sealed either.
			assertThat(jobs.work()).isZero();

			UUID firm = client.firm.value();
			assertThat(database.sql("SELECT status FROM seal_job WHERE id = ?").param(job).query(String.class).single())
				.isEqualTo("COMPLETED");
			assertThat(database.sql("SELECT status || ':' || COALESCE(error_key, '') FROM seal_job_document WHERE job_id = ? ORDER BY idx")
				.param(job)
				.query(String.class)
				.list()).containsExactly("SEALED:", "SEALED:", "FAILED:signing.jobs.firmClosed",
						"FAILED:signing.jobs.firmClosed", "FAILED:signing.jobs.firmClosed",
						"FAILED:signing.jobs.firmClosed");
			// Debited for the two sealed before the closing only; every other reservation released.
			assertThat(database.sql("SELECT idempotency_key FROM billing_entry WHERE firm_id = ? AND kind = 'DEBIT' ORDER BY idempotency_key")
				.param(firm)
				.query(String.class)
				.list()).containsExactly("sealjob:" + job + ":0", "sealjob:" + job + ":1");
			assertThat(database.sql("SELECT COUNT(*) FROM billing_reservation WHERE firm_id = ? AND status = 'ACTIVE'")
				.param(firm)
				.query(Integer.class)
				.single()).isZero();
			long balance = database.sql("SELECT balance_cents FROM billing_account WHERE firm_id = ?")
				.param(firm)
				.query(Long.class)
				.single();
			assertThat(balance).isEqualTo(credited.minus(price.times(2)).cents());
			long ledger = SealJobClient.ledgerCents(database, firm);
			assertThat(ledger).as("the ledger adds up to the balance").isEqualTo(balance);
			// Only the two sealed documents are in the firm's register.
			assertThat(database.sql("SELECT COUNT(*) FROM signing_document WHERE firm_id = ?")
				.param(firm)
				.query(Integer.class)
				.single()).isEqualTo(2);
			// The manifest, written by the usual end of a job, says the same.
			byte[] manifest = database.sql("SELECT manifest FROM seal_job WHERE id = ?")
				.param(job)
				.query((rs, n) -> rs.getBytes(1))
				.single();
			JsonNode listed = SealJobClient.JSON.readTree(manifest).get("files");
			assertThat(listed).hasSize(6);
			assertThat(listed.get(0).get("status").asString()).isEqualTo("SEALED");
			assertThat(listed.get(2).get("status").asString()).isEqualTo("FAILED");
			assertThat(listed.get(2).get("error").asString()).isEqualTo("signing.jobs.firmClosed");
		}
		finally {
			held.release();
			worker.shutdownNow();
			node.close();
		}
	}

	/** Wraps the PAdES engine: once armed, the next seal waits until released. */
	static final class HeldSeal implements BeanPostProcessor {

		final CountDownLatch sealing = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private volatile boolean armed;

		void hold() {
			armed = true;
		}

		void release() {
			released.countDown();
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof PadesSigner engine)) {
				return bean;
			}
			return new PadesSigner() {

				@Override
				public void sign(Path pdf, java.io.OutputStream out, SigningKey key, SignatureParameters parameters) {
					engine.sign(pdf, out, key, parameters);
				}

				@Override
				public byte[] sign(byte[] pdf, SigningKey key, SignatureParameters parameters) {
					byte[] signed = engine.sign(pdf, key, parameters);
					if (armed) {
						armed = false;
						sealing.countDown();
						try {
							released.await(5, TimeUnit.MINUTES);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					}
					return signed;
				}

				@Override
				public byte[] extend(byte[] pdf, SignatureLevel level) {
					return engine.extend(pdf, level);
				}

			};
		}

	}

}
