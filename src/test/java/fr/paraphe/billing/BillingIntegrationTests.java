package fr.paraphe.billing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The prepaid account on H2 and (with -Ppostgres) on PostgreSQL: never below zero, each debit once, and a
 * paid operation commits with its debit or not at all.
 */
@ParapheIntegrationTest
class BillingIntegrationTests extends BillingTest {

	private static final Money SEAL_PRICE = Money.ofCents(120);

	private User owner;

	private User administrator;

	private FirmId firm;

	@BeforeEach
	void aFirm() {
		owner = newOwner("billing-owner", "Béatrice Billing", "Cabinet Billing");
		administrator = users.recordLogin(new SsoProfile("billing-admin-" + UUID.randomUUID(), "Admin", null,
				Role.PLATFORM_ADMIN, null, null));
		firm = firmOf(owner);
	}

	@Test
	void twoHundredConcurrentSealsOnAnAccountForAHundredMakeExactlyAHundred() throws Exception {
		billing.credit(firm, owner.id(), SEAL_PRICE.times(100));
		ExecutorService pool = Executors.newFixedThreadPool(16);
		AtomicInteger refused = new AtomicInteger();
		try {
			List<Callable<Boolean>> seals = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				String document = "doc-" + i;
				seals.add(() -> {
					try {
						billing.charge(firm, Operation.SEAL, "seal:" + document, "test", () -> write(document));
						return true;
					}
					catch (ProblemException problem) {
						assertThat(problem.getStatusCode().value()).isEqualTo(402);
						refused.incrementAndGet();
						return false;
					}
				});
			}
			long sealed = 0;
			for (Future<Boolean> seal : pool.invokeAll(seals)) {
				sealed += seal.get() ? 1 : 0;
			}
			assertThat(sealed).isEqualTo(100);
			assertThat(refused).hasValue(100);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(outputs()).isEqualTo(100);
		assertThat(debits()).isEqualTo(100);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(Money.ZERO);
		assertThat(billing.ledgerMatchesBalance(firm)).isTrue();
	}

	@Test
	void theSameKeyIsChargedOnceHoweverOftenAndHoweverConcurrentlyItIsSent() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("10"));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Charged<UUID>>> retries = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				retries.add(() -> billing.charge(firm, Operation.SEAL, "seal:same-document", "test", () -> write("same")));
			}
			List<Charged<UUID>> results = new ArrayList<>();
			for (Future<Charged<UUID>> retry : pool.invokeAll(retries)) {
				results.add(retry.get());
			}
			assertThat(results).filteredOn(charged -> !charged.replayed()).hasSize(1);
			assertThat(results).extracting(charged -> charged.debit().id()).containsOnly(results.get(0).debit().id());
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(outputs()).isEqualTo(1);
		assertThat(debits()).isEqualTo(1);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(Money.parse("10").minus(SEAL_PRICE));
	}

	@Test
	void anOperationThatCannotBePaidDoesNotRun() {
		billing.credit(firm, owner.id(), Money.ofCents(119));

		assertThatThrownBy(() -> billing.charge(firm, Operation.SEAL, "seal:x", "test", () -> write("x")))
			.isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.messageKey()).isEqualTo("billing.insufficient"));
		assertThat(outputs()).isZero();
		assertThat(billing.balance(firm, owner.id())).isEqualTo(Money.ofCents(119));
	}

	@Test
	void anOperationThatFailsIsNotDebited() {
		billing.credit(firm, owner.id(), Money.parse("5"));

		assertThatThrownBy(() -> billing.charge(firm, Operation.SEAL, "seal:failing", "test", () -> {
			write("half-done");
			throw new IllegalStateException("the signing failed");
		})).hasMessage("the signing failed");

		assertThat(outputs()).isZero();
		assertThat(debits()).isZero();
		assertThat(billing.balance(firm, owner.id())).isEqualTo(Money.parse("5"));
		// The key was not used up: a retry that succeeds is charged.
		assertThat(billing.charge(firm, Operation.SEAL, "seal:failing", "test", () -> write("done")).replayed()).isFalse();
		assertThat(debits()).isOne();
	}

	@Test
	void aFailureAfterTheOperationAndItsDebitRollsBothBack() {
		billing.credit(firm, owner.id(), Money.parse("5"));

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			billing.charge(firm, Operation.SEAL, "seal:crash", "test", () -> write("signed"));
			throw new IllegalStateException("crash before commit");
		})).hasMessage("crash before commit");

		assertThat(outputs()).isZero();
		assertThat(debits()).isZero();
		assertThat(billing.balance(firm, owner.id())).isEqualTo(Money.parse("5"));
		assertThat(billing.ledgerMatchesBalance(firm)).isTrue();
	}

	@Test
	void creditsHaveGapFreeReceiptNumbersAndShowTheirVat() {
		Entry first = billing.credit(firm, owner.id(), Money.parse("120"));
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			billing.credit(firm, owner.id(), Money.parse("60"));
			throw new IllegalStateException("rolled back");
		}));
		Entry second = billing.credit(firm, owner.id(), Money.parse("60"));

		assertThat(second.receiptNumber()).isEqualTo(first.receiptNumber() + 1);
		assertThat(first.net()).isEqualTo(Money.parse("100"));
		assertThat(first.vat()).isEqualTo(Money.parse("20"));
		assertThat(billing.receipt(firm, owner.id(), first.receiptNumber())).isEqualTo(first);
	}

	@Test
	void onlyTheOwnerCreditsAndReadsTheStatement() {
		User collaborator = users.recordLogin(new SsoProfile("billing-collab-" + UUID.randomUUID(), "C", null,
				Role.COLLABORATEUR, firms.firm(firm, owner.id()).siren(), "Cabinet Billing", List.of("SEAL")));

		assertStatus(() -> billing.credit(firm, collaborator.id(), Money.parse("10")), 403);
		assertStatus(() -> billing.statement(firm, collaborator.id(), Instant.EPOCH, Instant.now(), null, 10), 403);
		assertStatus(() -> billing.credit(firm, administrator.id(), Money.parse("10")), 404);
		assertStatus(() -> billing.credit(firm, owner.id(), Money.ZERO), 400);
		assertStatus(() -> billing.credit(firm, owner.id(), Money.parse("100000.01")), 400);
		assertStatus(() -> billing.recordBankTransfer(firm, owner.id(), Money.parse("10"), "VIR-1"), 403);
	}

	@Test
	void aBankTransferIsRecordedOnce() {
		String reference = "VIR-" + UUID.randomUUID();
		Entry first = billing.recordBankTransfer(firm, administrator.id(), Money.parse("50"), reference);
		Entry again = billing.recordBankTransfer(firm, administrator.id(), Money.parse("50"), reference);

		assertThat(again).isEqualTo(first);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(Money.parse("50"));
	}

	@Test
	void theStatementFiltersByDateAndKind() {
		billing.credit(firm, owner.id(), Money.parse("10"));
		billing.charge(firm, Operation.SIGNATURE, "signature:1", "test", () -> write("1"));
		Instant now = Instant.now();

		assertThat(billing.statement(firm, owner.id(), now.minus(1, ChronoUnit.HOURS), now.plusSeconds(60), null, 100))
			.extracting(Entry::kind)
			.containsExactly(EntryKind.DEBIT, EntryKind.CREDIT);
		assertThat(billing.statement(firm, owner.id(), now.minus(1, ChronoUnit.HOURS), now.plusSeconds(60),
				EntryKind.DEBIT, 100)).singleElement().satisfies(debit -> {
					assertThat(debit.amount()).isEqualTo(Money.ofCents(180));
					assertThat(debit.balanceAfter()).isEqualTo(Money.ofCents(820));
				});
		assertThat(billing.statement(firm, owner.id(), now.plusSeconds(60), now.plusSeconds(120), null, 100)).isEmpty();
	}

	@Test
	void tariffsChangeOnlyInTheFutureAndDebitsUseTheTariffOfTheirTime() {
		Instant future = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
			.plusSeconds(UUID.randomUUID().hashCode() & 0xffff);
		Tariff next = new Tariff(future, Money.ofCents(300), Money.ofCents(200), Money.ofCents(400), 2000);

		assertStatus(() -> billing.addTariff(owner.id(), next), 403);
		assertStatus(() -> billing.addTariff(administrator.id(),
				new Tariff(Instant.now().minusSeconds(1), Money.ZERO, Money.ZERO, Money.ZERO, 2000)), 400);
		billing.addTariff(administrator.id(), next);
		assertStatus(() -> billing.addTariff(administrator.id(), next), 409);

		assertThat(billing.tariffAt(Instant.now()).seal()).isEqualTo(Money.ofCents(100));
		assertThat(billing.tariffAt(future).seal()).isEqualTo(Money.ofCents(200));
		assertThat(billing.tariffs()).contains(next);
	}

	private UUID write(String note) {
		UUID id = UUID.randomUUID();
		jdbc.sql("INSERT INTO test_work_output (id, firm, note) VALUES (:id, :firm, :note)")
			.param("id", id)
			.param("firm", firm.value())
			.param("note", note)
			.update();
		return id;
	}

	private long outputs() {
		return jdbc.sql("SELECT COUNT(*) FROM test_work_output WHERE firm = :firm").param("firm", firm.value()).query(Long.class).single();
	}

	private long debits() {
		return jdbc.sql("SELECT COUNT(*) FROM billing_entry WHERE firm_id = :firm AND kind = 'DEBIT'")
			.param("firm", firm.value())
			.query(Long.class)
			.single();
	}

	private static void assertStatus(Runnable action, int status) {
		assertThatThrownBy(action::run).isInstanceOfSatisfying(ProblemException.class,
				problem -> assertThat(problem.getStatusCode().value()).isEqualTo(status));
	}

}
