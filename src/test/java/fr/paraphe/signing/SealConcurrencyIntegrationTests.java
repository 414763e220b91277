package fr.paraphe.signing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.billing.EntryKind;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.validation.TestSigner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's concurrency rule over the real API: 200 concurrent seal requests on an account that covers exactly
 * 100 seals give exactly 100 sealed documents, 100 debits and a balance of exactly zero; the other 100 are
 * refused with 402 and nothing sealed. One request retried with an idempotency key is charged once.
 */
@ParapheIntegrationTest
class SealConcurrencyIntegrationTests extends SealingTest {

	@Autowired
	FirmSeals seals;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void twoHundredConcurrentSealsOnAnAccountForAHundred() throws Exception {
		User owner = users.recordLogin(new SsoProfile("concurrent-" + UUID.randomUUID(), "Constance Concurrente", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Concurrent"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		new CheckedSeals(firms, users, checks).issue(owner, firm);
		acceptTerms(owner);
		String key = apiKeys.create(owner.id(), firm, "Charge").secret();
		Money price = billing.tariffAt(java.time.Instant.now()).grossPrice(fr.paraphe.billing.Operation.SEAL);
		billing.credit(firm, owner.id(), price.times(100));

		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<Integer> statuses = new ArrayList<>();
		try {
			List<Callable<HttpResponse<byte[]>>> requests = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				byte[] pdf = TestSigner.document("Document " + i);
				requests.add(() -> post(key, pdf));
			}
			for (Future<HttpResponse<byte[]>> response : pool.invokeAll(requests)) {
				HttpResponse<byte[]> answer = response.get();
				statuses.add(answer.statusCode());
				if (answer.statusCode() == 200) {
					assertThat(new String(answer.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(statuses).filteredOn(status -> status == 200).hasSize(100);
		assertThat(statuses).filteredOn(status -> status == 402).hasSize(100);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(Money.ZERO);
		assertThat(billing.statement(firm, owner.id(), java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60),
				EntryKind.DEBIT, 1000)).hasSize(100);
		assertThat(billing.ledgerMatchesBalance(firm)).isTrue();
	}

	/**
	 * The firm's account row is held 40 s by another transaction (as a long operation once did): two dozen seals of
	 * that firm wait for it holding no connection, and meanwhile another firm seals and pages answer. Each waiting
	 * seal ends sealed (200) or told to come back (503), never 500, and the account adds up.
	 */
	@Test
	void sealsBlockedFortySecondsOnTheirFirmsLockBlockNeitherOtherFirmsNorPages() throws Exception {
		String[] blocked = sealingFirm("Bloqué");
		String[] other = sealingFirm("Libre");
		FirmId blockedFirm = FirmId.parse(blocked[1]);
		java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(32);
		try {
			Future<?> holder = pool.submit(() -> transactions.executeWithoutResult(status -> {
				jdbc.sql("SELECT balance_cents FROM billing_account WHERE firm_id = ? FOR UPDATE")
					.param(blockedFirm.value())
					.query(Long.class)
					.single();
				locked.countDown();
				sleep(java.time.Duration.ofSeconds(40));
			}));
			assertThat(locked.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			List<Future<HttpResponse<byte[]>>> waiting = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				byte[] pdf = TestSigner.document("Bloqué " + i);
				waiting.add(pool.submit(() -> post(blocked[0], pdf)));
			}
			sleep(java.time.Duration.ofSeconds(1));
			assertThat(waiting).noneMatch(Future::isDone);
			// While they wait: another firm seals, and a page answers.
			assertThat(post(other[0], TestSigner.document("Libre")).statusCode()).isEqualTo(200);
			assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tarifs")).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
			for (Future<HttpResponse<byte[]>> response : waiting) {
				assertThat(response.get(120, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isIn(200, 503);
			}
			holder.get(120, java.util.concurrent.TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(billing.ledgerMatchesBalance(blockedFirm)).isTrue();
		assertThat(post(blocked[0], TestSigner.document("Après")).statusCode()).isEqualTo(200);
	}

	/** A firm with its seal, the CGU accepted and 50 € of credit: its API key and its id. */
	private String[] sealingFirm(String name) {
		User owner = users.recordLogin(new SsoProfile("blocked-" + UUID.randomUUID(), "Blaise " + name, null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet " + name));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		new CheckedSeals(firms, users, checks).issue(owner, firm);
		acceptTerms(owner);
		billing.credit(firm, owner.id(), Money.parse("50"));
		return new String[] { apiKeys.create(owner.id(), firm, "Bloqué").secret(), firm.value().toString() };
	}

	private static void sleep(java.time.Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void theSameRequestSentTenTimesWithOneIdempotencyKeyIsSealedAndChargedOnce() throws Exception {
		User owner = users.recordLogin(new SsoProfile("idem-" + UUID.randomUUID(), "Ida Idem", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Idem"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		new CheckedSeals(firms, users, checks).issue(owner, firm);
		acceptTerms(owner);
		String key = apiKeys.create(owner.id(), firm, "Retries").secret();
		billing.credit(firm, owner.id(), Money.parse("10"));
		byte[] pdf = TestSigner.document("Lettre envoyée dix fois");
		String idempotencyKey = "facture-" + UUID.randomUUID();

		ExecutorService pool = Executors.newFixedThreadPool(5);
		List<HttpResponse<byte[]>> responses = new ArrayList<>();
		try {
			List<Callable<HttpResponse<byte[]>>> retries = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				retries.add(() -> post(key, pdf, idempotencyKey));
			}
			for (Future<HttpResponse<byte[]>> response : pool.invokeAll(retries)) {
				responses.add(response.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		// Every retry gets the one sealed document; only the first was sealed.
		assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
		assertThat(responses).extracting(response -> response.headers().firstValue("Idempotent-Replayed").orElseThrow())
			.containsOnlyOnce("false")
			.filteredOn("true"::equals)
			.hasSize(9);
		assertThat(responses).extracting(response -> java.util.HexFormat.of().formatHex(
				java.security.MessageDigest.getInstance("SHA-256").digest(response.body()))).containsOnly(
						java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
							.digest(responses.get(0).body())));
		assertThat(org.apache.pdfbox.Loader.loadPDF(responses.get(0).body()).getSignatureDictionaries()).hasSize(1);
		assertThat(billing.statement(firm, owner.id(), java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60),
				EntryKind.DEBIT, 1000)).hasSize(1);

		// The same key for another document is refused, and charges nothing.
		HttpResponse<byte[]> other = post(key, TestSigner.document("Une autre lettre"), idempotencyKey);
		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(new String(other.body(), StandardCharsets.UTF_8)).contains("autre document");
		assertThat(billing.statement(firm, owner.id(), java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60),
				EntryKind.DEBIT, 1000)).hasSize(1);
		assertThat(post(key, pdf, "not a valid key!").statusCode()).isEqualTo(400);
	}

	private HttpResponse<byte[]> post(String apiKey, byte[] pdf) throws Exception {
		return post(apiKey, pdf, null);
	}

	private HttpResponse<byte[]> post(String apiKey, byte[] pdf, String idempotencyKey) throws Exception {
		String boundary = "----paraphe" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"level\"\r\n\r\nB-B\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doc.pdf\""
				+ "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(pdf);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/seals"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Authorization", "Bearer " + apiKey)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
