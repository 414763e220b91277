package fr.paraphe.signing.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.shared.FirmId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: a node's worker threads claim a job's documents at the same moment (both are woken when the job is
 * submitted). A claim made while another claim's transaction is still open must take other documents, not come
 * back empty: an empty claim stops the worker thread until the next poll (on H2, a claim sorted its candidates and
 * so locked all of them: the second of a node's two threads stayed idle for a whole 1,000-document job).
 */
@ParapheIntegrationTest
class SealJobStoreIntegrationTests {

	@Autowired
	SealJobStore store;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aClaimMadeWhileAnotherIsOpenTakesOtherDocuments() throws Exception {
		UUID job = UUID.randomUUID();
		Instant created = Instant.now();
		// Leased far into the future, so that the application's own workers (running in this context, with the real
		// clock) leave them alone; the claims below look from a later "now".
		Instant later = created.plus(3650, ChronoUnit.DAYS);
		store.insertJob(new SealJobStore.Job(job, new FirmId(UUID.randomUUID()), UUID.randomUUID(), "API", null,
				"0".repeat(64), "B_B", null, false, false, null, null, null, null, null, "RUNNING", 40, 0, created, null,
				created.plus(1, ChronoUnit.DAYS), false));
		List<SealJobStore.Upload> uploads = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			uploads.add(new SealJobStore.Upload("bulletin-" + i + ".pdf", new byte[] { 1 }, "0".repeat(64),
					UUID.randomUUID()));
		}
		store.insertDocuments(job, uploads);
		jdbc.sql("UPDATE seal_job_document SET lease_until = :until WHERE job_id = :job")
			.param("until", java.sql.Timestamp.from(later.minus(1, ChronoUnit.DAYS)))
			.param("job", job)
			.update();
		try {
			CountDownLatch firstClaimed = new CountDownLatch(1);
			CountDownLatch secondDone = new CountDownLatch(1);
			// The first claim's transaction stays open (its rows locked) while the second claims; both roll back.
			CompletableFuture<List<SealJobStore.Claimed>> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
				List<SealJobStore.Claimed> claimed = store.claim(UUID.randomUUID(), later, later.plusSeconds(60), 8);
				firstClaimed.countDown();
				try {
					secondDone.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
				status.setRollbackOnly();
				return claimed;
			}));
			assertThat(firstClaimed.await(60, TimeUnit.SECONDS)).isTrue();
			List<SealJobStore.Claimed> second;
			try {
				second = transactions.execute(status -> {
					status.setRollbackOnly();
					return store.claim(UUID.randomUUID(), later, later.plusSeconds(60), 8);
				});
			}
			finally {
				secondDone.countDown();
			}
			List<SealJobStore.Claimed> firstClaims = first.get(60, TimeUnit.SECONDS);

			assertThat(firstClaims).hasSize(8);
			assertThat(second).as("a claim made while another is open").hasSize(8);
			assertThat(second).extracting(claimed -> claimed.job() + ":" + claimed.index())
				.doesNotContainAnyElementsOf(firstClaims.stream().map(claimed -> claimed.job() + ":" + claimed.index()).toList());
		}
		finally {
			jdbc.sql("DELETE FROM seal_job_document WHERE job_id = :job").param("job", job).update();
			jdbc.sql("DELETE FROM seal_job WHERE id = :job").param("job", job).update();
		}
	}

}
