package fr.paraphe.billing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reserve, work, settle: the price is set aside in a short transaction, the work runs with nothing held, the
 * debit is taken with the result; a failure or a crash gives the reservation back, never a debit.
 */
@ParapheIntegrationTest
class ReservationIntegrationTests extends BillingTest {

	static final Money SEAL = Money.ofCents(120);

	@LocalServerPort
	int port;

	@Test
	void aSettledReservationIsOneDebitNamedByWhatItPaidFor() {
		Firm firm = firm(Money.parse("10"));
		Reservation reservation = billing.reserve(firm.id, Operation.SEAL, "seal:doc-1", "test");
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.parse("10").minus(SEAL));

		Entry debit = transactions.execute(s -> billing.settle(reservation));

		assertThat(debit.idempotencyKey()).isEqualTo("seal:doc-1");
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.parse("10").minus(SEAL));
		assertThat(debits(firm.id, "seal:doc-1")).isEqualTo(1);
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
		assertThat(billing.reserve(firm.id, Operation.SEAL, "seal:doc-1", "test").replayed()).isTrue();
		assertThat(transactions.execute(s -> billing.settle(reservation)).id()).isEqualTo(debit.id());
		assertThat(debits(firm.id, "seal:doc-1")).isEqualTo(1);
	}

	/**
	 * A bulk job's batch settled in a few statements: each reservation becomes its own debit once, one settled
	 * before keeps its debit (a batch recorded twice), one released meanwhile by housekeeping is debited afresh.
	 */
	@Test
	void aBatchSettlementDebitsEachReservationOnceWhateverHappenedToItBefore() {
		Firm firm = firm(Money.parse("10"));
		java.util.LinkedHashMap<String, java.util.UUID> keys = new java.util.LinkedHashMap<>();
		for (int i = 0; i < 4; i++) {
			keys.put("sealjob:batch-" + firm.id.value() + ":" + i, java.util.UUID.randomUUID());
		}
		List<Reservation> reservations = transactions
			.execute(s -> billing.reserveAll(firm.id, Operation.SEAL, keys, "test"));
		Entry first = transactions.execute(s -> billing.settleAll(List.of(reservations.get(0)))).get(0);
		billing.release(reservations.get(1));
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.parse("10").minus(SEAL.times(3)));

		List<Entry> debits = transactions.execute(s -> billing.settleAll(reservations));

		assertThat(debits).extracting(Entry::idempotencyKey).containsExactlyElementsOf(keys.keySet());
		assertThat(debits.get(0).id()).isEqualTo(first.id());
		assertThat(debits).extracting(Entry::kind).containsOnly(EntryKind.DEBIT);
		keys.keySet().forEach(key -> assertThat(debits(firm.id, key)).as(key).isEqualTo(1));
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.parse("10").minus(SEAL.times(4)));
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_reservation WHERE firm_id = :firm AND status = 'ACTIVE'")
			.param("firm", firm.id.value())
			.query(Integer.class)
			.single()).isZero();
		// Settling the batch again changes nothing.
		transactions.execute(s -> billing.settleAll(reservations));
		keys.keySet().forEach(key -> assertThat(debits(firm.id, key)).as(key).isEqualTo(1));
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.parse("10").minus(SEAL.times(4)));
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
	}

	/**
	 * A bulk job's reservations are refused (409, nothing reserved) if one of its keys is already in the firm's
	 * ledger, and only then: keys near it in the index (sealjob:J:15 beside sealjob:J:1 and sealjob:J:2), another
	 * firm's same key, are not it. The keys are looked up in the index, one statement for them all.
	 */
	@Test
	void aBatchOfReservationsIsRefusedOnlyForAKeyAlreadyInTheFirmsLedger() {
		Firm firm = firm(Money.parse("10"));
		Firm other = firm(Money.parse("10"));
		String job = "sealjob:" + java.util.UUID.randomUUID() + ":";
		Reservation earlier = billing.reserve(firm.id, Operation.SEAL, job + "15", "test");
		transactions.execute(s -> billing.settle(earlier));
		Reservation others = billing.reserve(other.id, Operation.SEAL, job + "3", "test");
		transactions.execute(s -> billing.settle(others));

		java.util.LinkedHashMap<String, java.util.UUID> near = new java.util.LinkedHashMap<>();
		for (String index : List.of("1", "2", "3", "150")) {
			near.put(job + index, java.util.UUID.randomUUID());
		}
		List<Reservation> reserved = transactions.execute(s -> billing.reserveAll(firm.id, Operation.SEAL, near, "test"));
		assertThat(reserved).hasSize(4);

		java.util.LinkedHashMap<String, java.util.UUID> again = new java.util.LinkedHashMap<>();
		for (String index : List.of("14", "15", "16")) {
			again.put(job + index, java.util.UUID.randomUUID());
		}
		Money before = billing.balance(firm.id, firm.owner);
		try {
			transactions.execute(s -> billing.reserveAll(firm.id, Operation.SEAL, again, "test"));
			throw new AssertionError("reserved a key already debited");
		}
		catch (fr.paraphe.shared.ProblemException refused) {
			assertThat(refused.getStatusCode().value()).isEqualTo(409);
			assertThat(refused.messageKey()).isEqualTo("billing.alreadyDebited");
		}
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(before);
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
	}

	@Test
	void aFailedOperationReleasesItsReservation() {
		Firm firm = firm(Money.parse("10"));
		Reservation reservation = billing.reserve(firm.id, Operation.SEAL, "seal:doc-2", "test");

		billing.release(reservation);

		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.parse("10"));
		assertThat(debits(firm.id, "seal:doc-2")).isZero();
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
	}

	@Test
	void aCrashBetweenWorkAndSettlementLeavesAReservationThatHousekeepingReleases() {
		Firm firm = firm(Money.parse("10"));
		billing.reserve(firm.id, Operation.SEAL, "seal:doc-3", "test");
		// The node dies here: neither settled nor released.

		assertThat(billing.releaseStale(Duration.ZERO)).isGreaterThanOrEqualTo(1);

		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.parse("10"));
		assertThat(debits(firm.id, "seal:doc-3")).isZero();
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
	}

	@Test
	void aFirmWhoseAccountIsLockedBlocksNeitherOtherFirmsNorPages() throws Exception {
		Firm blocked = firm(Money.parse("100"));
		Firm other = firm(Money.parse("100"));
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch unlock = new CountDownLatch(1);
		int settled = 0;
		ExecutorService threads = Executors.newFixedThreadPool(32);
		try {
			// Another transaction holds the firm's account row (as a 40 s operation once did) for a while.
			Future<?> holder = holdAccountRow(threads, blocked.id, locked, unlock);
			assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
			List<Future<Reservation>> waiting = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				String key = "seal:blocked-" + i;
				waiting.add(threads.submit(() -> billing.reserve(blocked.id, Operation.SEAL, key, "test")));
			}
			Thread.sleep(500);
			assertThat(waiting).noneMatch(Future::isDone);
			// Two dozen seals of the blocked firm wait (up to paraphe.billing.lock-wait), each holding no
			// connection: the others are served meanwhile.
			for (int i = 0; i < 4; i++) {
				Reservation served = billing.reserve(other.id, Operation.SEAL, "seal:other-" + i, "test");
				transactions.execute(s -> billing.settle(served));
			}
			HttpResponse<String> page = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tarifs")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);

			unlock.countDown();
			holder.get(30, TimeUnit.SECONDS);
			for (Future<Reservation> reservation : waiting) {
				try {
					Reservation reserved = reservation.get(60, TimeUnit.SECONDS);
					transactions.execute(s -> billing.settle(reserved));
					settled++;
				}
				catch (java.util.concurrent.ExecutionException waitedTooLong) {
					// Past paraphe.billing.lock-wait a seal is told to come back (503), having held nothing.
					assertThat(waitedTooLong.getCause()).isInstanceOfSatisfying(fr.paraphe.shared.ProblemException.class,
							problem -> assertThat(problem.getStatusCode().value()).isEqualTo(503));
				}
			}
		}
		finally {
			unlock.countDown();
			threads.shutdownNow();
		}
		assertThat(billing.balance(blocked.id, blocked.owner)).isEqualTo(Money.parse("100").minus(SEAL.times(settled)));
		assertThat(billing.balance(other.id, other.owner)).isEqualTo(Money.parse("100").minus(SEAL.times(4)));
		assertThat(billing.ledgerMatchesBalance(blocked.id)).isTrue();
	}

	/**
	 * Issue 12: a seal takes its firm's account row once. The settlement turns the reservation's ledger entry into
	 * the debit (same amount, same place in the ledger) without locking the account row again, so it completes
	 * while another transaction holds that row; the ledger keeps one entry per settled operation.
	 */
	@Test
	void aSettlementDoesNotTakeTheAccountRowAgainAndLeavesOneLedgerEntry() throws Exception {
		Firm firm = firm(Money.parse("10"));
		Reservation reservation = billing.reserve(firm.id, Operation.SEAL, "seal:doc-once", "test");
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch settled = new CountDownLatch(1);
		java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> holder = threads.submit(() -> transactions.executeWithoutResult(s -> {
				jdbc.sql("SELECT balance_cents FROM billing_account WHERE firm_id = :firm FOR UPDATE")
					.param("firm", firm.id.value())
					.query(Long.class)
					.single();
				locked.countDown();
				// Held until the settlement is done (or, if it waits for this row, long enough to tell).
				await(settled);
				released.set(true);
			}));
			assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
			java.util.concurrent.atomic.AtomicBoolean settledWhileHeld = new java.util.concurrent.atomic.AtomicBoolean();
			Future<Entry> settling = threads.submit(() -> {
				try {
					Entry settledDebit = transactions.execute(s -> billing.settle(reservation));
					settledWhileHeld.set(!released.get());
					return settledDebit;
				}
				finally {
					settled.countDown();
				}
			});
			Entry debit = settling.get(120, TimeUnit.SECONDS);
			assertThat(settledWhileHeld).as("settled while the account row was held by another transaction").isTrue();
			holder.get(120, TimeUnit.SECONDS);
			assertThat(debit.kind()).isEqualTo(EntryKind.DEBIT);
			assertThat(debit.idempotencyKey()).isEqualTo("seal:doc-once");
			assertThat(debit.balanceAfter()).isEqualTo(Money.parse("10").minus(SEAL));
		}
		finally {
			settled.countDown();
			threads.shutdownNow();
		}
		assertThat(billing.statement(firm.id, firm.owner, java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60),
				null, 100)).extracting(Entry::kind).containsExactly(EntryKind.DEBIT, EntryKind.CREDIT);
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.parse("10").minus(SEAL));
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
	}

	/**
	 * Money under concurrency: 60 operations of one firm whose account covers 25, each reserving, then settling or
	 * (one in four) failing and releasing, while housekeeping releases every reservation it finds (timeout zero)
	 * as fast as it can. Whatever the interleaving: no balance below zero, balance = ledger, each key debited at
	 * most once, a settled operation debited exactly once, a refused or released one never, and the debits add up.
	 */
	@Test
	void reserveSettleReleaseAndHousekeepingRacingKeepTheMoneyExact() throws Exception {
		Firm firm = firm(SEAL.times(25));
		int operations = 60;
		ExecutorService threads = Executors.newFixedThreadPool(12);
		java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
		List<String> settledKeys = java.util.Collections.synchronizedList(new ArrayList<>());
		List<String> unpaidKeys = java.util.Collections.synchronizedList(new ArrayList<>());
		try {
			Future<?> housekeeping = threads.submit(() -> {
				while (!done.get()) {
					billing.releaseStale(Duration.ZERO);
				}
			});
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < operations; i++) {
				String key = "seal:race-" + i;
				boolean fails = i % 4 == 3;
				work.add(threads.submit(() -> {
					Reservation reservation;
					try {
						reservation = billing.reserve(firm.id, Operation.SEAL, key, "test");
					}
					catch (fr.paraphe.shared.ProblemException refused) {
						assertThat(refused.getStatusCode().value()).isEqualTo(402);
						unpaidKeys.add(key);
						return;
					}
					if (fails) {
						billing.release(reservation);
						unpaidKeys.add(key);
						return;
					}
					try {
						transactions.execute(s -> billing.settle(reservation));
						settledKeys.add(key);
					}
					catch (fr.paraphe.shared.ProblemException refused) {
						// Released by housekeeping first, and the balance no longer covers it: refused, not debited.
						assertThat(refused.getStatusCode().value()).isEqualTo(402);
						unpaidKeys.add(key);
					}
				}));
			}
			for (Future<?> each : work) {
				each.get(300, TimeUnit.SECONDS);
			}
			done.set(true);
			housekeeping.get(60, TimeUnit.SECONDS);
		}
		finally {
			done.set(true);
			threads.shutdownNow();
		}
		billing.releaseStale(Duration.ZERO);
		assertThat(settledKeys.size() + unpaidKeys.size()).isEqualTo(operations);
		assertThat(settledKeys).isNotEmpty().hasSizeLessThanOrEqualTo(25);
		for (String key : settledKeys) {
			assertThat(debits(firm.id, key)).as(key).isEqualTo(1);
		}
		for (String key : unpaidKeys) {
			assertThat(debits(firm.id, key)).as(key).isZero();
		}
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(SEAL.times(25 - settledKeys.size()));
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_reservation WHERE firm_id = :firm AND status = 'ACTIVE'")
			.param("firm", firm.id.value())
			.query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_entry WHERE firm_id = :firm AND balance_after_cents < 0")
			.param("firm", firm.id.value())
			.query(Integer.class)
			.single()).isZero();
	}

	/**
	 * Issue 12: one firm's reservations take the price with one conditional update of its account row (the row's
	 * lock), then append their entry: many at once all succeed (no 503 within the lock wait), and the ledger stays
	 * a chain in its order: numbered without gaps, each entry's balance after it following from the one before, and
	 * the ledger's times in its order.
	 */
	@Test
	void concurrentReservationsOfOneFirmAllSucceedAndKeepTheLedgerAChain() throws Exception {
		Firm firm = firm(Money.parse("1000"));
		int operations = 96;
		ExecutorService threads = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < operations; i++) {
				String key = "seal:chain-" + i;
				boolean fails = i % 8 == 7;
				work.add(threads.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					Reservation reservation = billing.reserve(firm.id, Operation.SEAL, key, "test");
					if (fails) {
						billing.release(reservation);
					}
					else {
						transactions.execute(s -> billing.settle(reservation));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> each : work) {
				each.get(300, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		int settled = operations - operations / 8;
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.parse("1000").minus(SEAL.times(settled)));
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
		record Line(long seq, String kind, long amount, long after, java.sql.Timestamp at) {
		}
		List<Line> ledger = jdbc
			.sql("SELECT seq, kind, amount_cents, balance_after_cents, created_at FROM billing_entry WHERE firm_id = :firm ORDER BY seq")
			.param("firm", firm.id.value())
			.query((rs, n) -> new Line(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getTimestamp(5)))
			.list();
		// The credit, one entry per settled seal, a reservation and its release per failed one.
		assertThat(ledger).hasSize(1 + settled + 2 * (operations / 8));
		assertThat(ledger.stream().filter(line -> line.kind().equals("DEBIT")).count()).isEqualTo(settled);
		assertThat(ledger.stream().filter(line -> line.kind().equals("RESERVATION")).count()).isEqualTo(operations / 8);
		for (int n = 1; n < ledger.size(); n++) {
			Line before = ledger.get(n - 1);
			Line line = ledger.get(n);
			long sign = line.kind().equals("RELEASE") || line.kind().equals("CREDIT") ? 1 : -1;
			assertThat(line.seq()).as("seq after %s", before.seq()).isEqualTo(before.seq() + 1);
			assertThat(line.after()).as("balance after entry %s", line.seq()).isEqualTo(before.after() + sign * line.amount());
			assertThat(line.at()).as("time of entry %s", line.seq()).isAfterOrEqualTo(before.at());
		}
		assertThat(ledger.get(ledger.size() - 1).after()).isEqualTo(billing.balance(firm.id, firm.owner).cents());
	}

	/**
	 * The conditional update refuses what the balance does not cover: of more reservations at once than the balance
	 * pays for, exactly as many as it covers succeed, the others are 402 and leave neither a reservation nor an entry.
	 */
	@Test
	void concurrentReservationsBeyondTheBalanceAreRefusedAndLeaveNothing() throws Exception {
		Firm firm = firm(SEAL.times(10));
		ExecutorService threads = Executors.newFixedThreadPool(12);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> work = new ArrayList<>();
		try {
			for (int i = 0; i < 24; i++) {
				String key = "seal:short-" + i;
				work.add(threads.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					try {
						billing.reserve(firm.id, Operation.SEAL, key, "test");
						return 200;
					}
					catch (fr.paraphe.shared.ProblemException refused) {
						return refused.getStatusCode().value();
					}
				}));
			}
			start.countDown();
			List<Integer> answers = new ArrayList<>();
			for (Future<Integer> each : work) {
				answers.add(each.get(300, TimeUnit.SECONDS));
			}
			assertThat(answers).containsOnly(200, 402);
			assertThat(answers.stream().filter(answer -> answer == 200)).hasSize(10);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.ZERO);
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_reservation WHERE firm_id = :firm")
			.param("firm", firm.id.value())
			.query(Integer.class)
			.single()).isEqualTo(10);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_entry WHERE firm_id = :firm AND kind = 'RESERVATION'")
			.param("firm", firm.id.value())
			.query(Integer.class)
			.single()).isEqualTo(10);
		billing.releaseStale(Duration.ZERO);
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(SEAL.times(10));
	}

	/**
	 * The reservation's short lock wait (and, on PostgreSQL, its commit without waiting for the WAL flush) is its
	 * transaction's alone: the pool's connections keep the database's own settings afterwards.
	 */
	@Test
	void aReservationsLockWaitAndCommitSettingsStayInItsTransaction() throws Exception {
		Firm firm = firm(Money.parse("10"));
		ExecutorService threads = Executors.newFixedThreadPool(9);
		try {
			// Reservations on several pooled connections at once.
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String key = "seal:settings-" + i;
				work.add(threads.submit(() -> billing.release(billing.reserve(firm.id, Operation.SEAL, key, "test"))));
			}
			for (Future<?> each : work) {
				each.get(60, TimeUnit.SECONDS);
			}
			if (fr.paraphe.shared.Databases.postgres(dataSource)) {
				for (int i = 0; i < 20; i++) {
					String commit = transactions.execute(s -> jdbc.sql("SHOW synchronous_commit").query(String.class).single());
					String lockWait = transactions.execute(s -> jdbc.sql("SHOW lock_timeout").query(String.class).single());
					assertThat(commit).isEqualTo("on");
					assertThat(lockWait).isEqualTo("0");
				}
				return;
			}
			// H2: transactions that wait for a locked row (credits, on as many pooled connections) still wait longer
			// than the reservation's 100 ms.
			CountDownLatch locked = new CountDownLatch(1);
			CountDownLatch unlock = new CountDownLatch(1);
			Future<?> holder = holdAccountRow(threads, firm.id, locked, unlock);
			assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
			List<Future<?>> credits = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				credits.add(threads.submit(() -> billing.credit(firm.id, firm.owner, Money.parse("1"))));
			}
			Thread.sleep(400);
			unlock.countDown();
			holder.get(30, TimeUnit.SECONDS);
			for (Future<?> each : credits) {
				each.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(billing.balance(firm.id, firm.owner)).isEqualTo(Money.parse("18"));
		assertThat(billing.ledgerMatchesBalance(firm.id)).isTrue();
	}

	@org.springframework.beans.factory.annotation.Autowired
	javax.sql.DataSource dataSource;

	record Firm(FirmId id, fr.paraphe.shared.UserId owner) {
	}

	private Firm firm(Money credit) {
		User owner = newOwner("reserve", "Rémi Réserve", "Cabinet Réserve");
		FirmId firm = firmOf(owner);
		billing.credit(firm, owner.id(), credit);
		return new Firm(firm, owner.id());
	}

	private int debits(FirmId firm, String key) {
		return jdbc.sql("SELECT COUNT(*) FROM billing_entry WHERE firm_id = :firm AND kind = 'DEBIT' AND idempotency_key = :key")
			.param("firm", firm.value())
			.param("key", key)
			.query(Integer.class)
			.single();
	}

	/** Holds the firm's account row locked in another transaction, from {@code locked} until {@code unlock}. */
	private Future<?> holdAccountRow(ExecutorService threads, FirmId firm, CountDownLatch locked, CountDownLatch unlock) {
		return threads.submit(() -> transactions.executeWithoutResult(s -> {
			jdbc.sql("SELECT balance_cents FROM billing_account WHERE firm_id = :firm FOR UPDATE")
				.param("firm", firm.value())
				.query(Long.class)
				.single();
			locked.countDown();
			await(unlock);
		}));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
