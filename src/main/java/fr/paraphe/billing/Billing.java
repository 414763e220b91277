package fr.paraphe.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import fr.paraphe.billing.internal.BillingStore;
import fr.paraphe.billing.internal.ReceiptPdf;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The firm's prepaid account. The balance never goes below zero: an operation that cannot be paid is
 * refused before it runs. A paid operation and its debit commit together or not at all, and a debit is
 * taken once per idempotency key, however often the operation is retried.
 */
@Service
public class Billing {

	/** The firm account's page, where an owner credits it: the link of a 402 refusal. */
	public static final String ACCOUNT_PATH = "/cabinet/compte";

	/** The most one credit may bring, against typing mistakes: 100,000.00 €. */
	static final Money MAX_CREDIT = Money.ofCents(10_000_000);

	private final BillingStore store;

	private final Firms firms;

	private final Users users;

	private final PaymentProvider payments;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ReceiptPdf receipts;

	Billing(BillingStore store, Firms firms, Users users, PaymentProvider payments, Clock clock,
			ApplicationEventPublisher events, ReceiptPdf receipts) {
		this.receipts = receipts;
		this.store = store;
		this.firms = firms;
		this.users = users;
		this.payments = payments;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Runs a paid operation and debits the firm for it, in one transaction (the caller's, if any): if the
	 * operation throws, nothing is debited; if the debit cannot be written, the operation's own writes roll
	 * back with it. The firm's account stays locked meanwhile, so concurrent operations of one firm are paid
	 * one at a time and can never overdraw it.
	 * @param idempotencyKey what the debit pays for (e.g. "seal:" + document id); a second call with the same
	 * key runs nothing and returns the first debit, marked replayed
	 * @param actor who asked for the operation, for the ledger
	 * @throws ProblemException 402 when the balance does not cover the price: the operation did not run
	 */
	@Transactional
	public <T> Charged<T> charge(FirmId firm, Operation operation, String idempotencyKey, String actor,
			Supplier<T> work) {
		String key = checkedKey(idempotencyKey);
		Instant now = now();
		Money balance = store.lockAccount(firm, now);
		Optional<Entry> earlier = store.findByKey(firm, key);
		if (earlier.isPresent()) {
			return new Charged<>(earlier.get(), null, true);
		}
		Tariff tariff = tariffAt(now);
		Money price = tariff.grossPrice(operation);
		if (balance.compareTo(price) < 0) {
			throw new ProblemException(HttpStatus.PAYMENT_REQUIRED, "billing.insufficient").withLink(ACCOUNT_PATH,
					"billing.insufficient.link");
		}
		T result = work.get();
		Money net = tariff.netPrice(operation);
		Entry debit = price.isPositive()
				? store.append(firm, EntryKind.DEBIT, price, net, price.minus(net), balance, key, operation,
						operation.name(), null, actor, now)
				: null;
		if (debit != null) {
			events.publishEvent(new BillingEvents.Debited(firm, actor, operation, price, debit.balanceAfter()));
			store.threshold(firm)
				.filter(threshold -> balance.compareTo(threshold) >= 0 && debit.balanceAfter().compareTo(threshold) < 0)
				.ifPresent(threshold -> events.publishEvent(
						new BillingEvents.BalanceLow(firm, debit.balanceAfter(), threshold)));
		}
		return new Charged<>(debit, result, false);
	}

	/**
	 * Whether the firm's balance covers one operation now: for pages that want to warn before the user
	 * uploads anything. {@link #charge} checks again.
	 */
	@Transactional(readOnly = true)
	public boolean covers(FirmId firm, Operation operation) {
		return store.balance(firm).compareTo(tariffAt(clock.instant()).grossPrice(operation)) >= 0;
	}

	/**
	 * Credits the firm's account through the payment provider; the owner only. The amount is what the firm
	 * pays, VAT included; the receipt shows net and VAT.
	 * @throws ProblemException 400 for an amount out of bounds, 402 when the provider refuses
	 */
	@Transactional
	public Entry credit(FirmId firm, UserId owner, Money amount) {
		firms.requireOwner(owner, firm);
		checkCredit(amount);
		String reference;
		try {
			reference = payments.pay(firm, amount, "Crédit du compte-cabinet");
		}
		catch (PaymentProvider.PaymentRefused refused) {
			throw new ProblemException(HttpStatus.PAYMENT_REQUIRED, "billing.paymentRefused");
		}
		return recordCredit(firm, amount, payments.name() + " " + reference, owner.toString(), "payment:" + reference);
	}

	/**
	 * Records a bank transfer received for the firm; platform administrators only.
	 * @param reference the bank's reference, also the idempotency key: recording it twice credits once
	 */
	@Transactional
	public Entry recordBankTransfer(FirmId firm, UserId administrator, Money amount, String reference) {
		requireAdministrator(administrator);
		checkCredit(amount);
		String cleanReference = checkedKey(reference);
		return store.findByKey(firm, "transfer:" + cleanReference)
			.orElseGet(() -> recordCredit(firm, amount, "Virement " + cleanReference, administrator.toString(),
					"transfer:" + cleanReference));
	}

	/**
	 * Sets the balance below which the owners get an e-mail (once each time a debit crosses it); null for
	 * none. The owner only.
	 * @throws ProblemException 400 for a negative or absurd threshold
	 */
	@Transactional
	public void setLowBalanceThreshold(FirmId firm, UserId owner, Money threshold) {
		firms.requireOwner(owner, firm);
		if (threshold != null && (threshold.cents() < 0 || threshold.compareTo(MAX_CREDIT) > 0)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "billing.threshold.invalid");
		}
		store.lockAccount(firm, now());
		store.setThreshold(firm, threshold);
	}

	/** The low-balance threshold, if the owner chose one; members of the firm only. */
	@Transactional(readOnly = true)
	public Optional<Money> lowBalanceThreshold(FirmId firm, UserId actor) {
		firms.firm(firm, actor);
		return store.threshold(firm);
	}

	/** The balance; members of the firm only. */
	@Transactional(readOnly = true)
	public Money balance(FirmId firm, UserId actor) {
		firms.firm(firm, actor);
		return store.balance(firm);
	}

	/**
	 * The firm's ledger between two instants, newest first, at most {@code limit} entries; the owner only.
	 * @param kind null for every kind
	 */
	@Transactional(readOnly = true)
	public List<Entry> statement(FirmId firm, UserId owner, Instant from, Instant to, EntryKind kind, int limit) {
		firms.requireOwner(owner, firm);
		return store.entries(firm, from, to, kind, Math.max(1, Math.min(limit, 10_000)));
	}

	/** A credit by its receipt number; the owner only. @throws ProblemException 404 if not this firm's */
	@Transactional(readOnly = true)
	public Entry receipt(FirmId firm, UserId owner, long receiptNumber) {
		firms.requireOwner(owner, firm);
		return store.findByReceipt(firm, receiptNumber)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "billing.receipt.notFound"));
	}

	/**
	 * A credit's receipt as a PDF; the owner only.
	 * @throws ProblemException 404 if the receipt is not this firm's
	 */
	@Transactional(readOnly = true)
	public byte[] receiptPdf(FirmId firm, UserId owner, long receiptNumber) {
		Entry credit = receipt(firm, owner, receiptNumber);
		return receipts.render(credit, firms.firm(firm, owner), tariffAt(credit.createdAt()).vatBasisPoints());
	}

	/** The tariff in force at an instant. */
	@Transactional(readOnly = true)
	public Tariff tariffAt(Instant at) {
		return store.tariffAt(at).orElseThrow(() -> new IllegalStateException("No tariff in force at " + at));
	}

	/** Every tariff, oldest first: those past, the one in force, those to come. */
	@Transactional(readOnly = true)
	public List<Tariff> tariffs() {
		return store.tariffs();
	}

	/**
	 * Adds a tariff that takes effect at a future instant; platform administrators only. Past tariffs never
	 * change, so a debit always used the tariff of its time.
	 * @throws ProblemException 400 if the date is not in the future, 409 if a tariff starts at that instant
	 */
	@Transactional
	public void addTariff(UserId administrator, Tariff tariff) {
		requireAdministrator(administrator);
		if (!tariff.effectiveFrom().isAfter(clock.instant())) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "billing.tariff.past");
		}
		if (!store.addTariff(tariff, administrator.toString(), clock.instant())) {
			throw new ProblemException(HttpStatus.CONFLICT, "billing.tariff.exists");
		}
		events.publishEvent(new BillingEvents.TariffAdded(administrator.toString(), tariff));
	}

	/** Whether the ledger's entries add up to the kept balance (an invariant; for checks and tests). */
	@Transactional(readOnly = true)
	public boolean ledgerMatchesBalance(FirmId firm) {
		return store.ledgerBalance(firm).equals(store.balance(firm));
	}

	private Entry recordCredit(FirmId firm, Money amount, String description, String actor, String key) {
		Instant now = now();
		Money balance = store.lockAccount(firm, now);
		Tariff tariff = tariffAt(now);
		// The amount paid includes VAT: net = amount / (1 + rate), rounded to the cent.
		Money net = Money.ofCents(Math.round(amount.cents() * 10_000.0 / (10_000 + tariff.vatBasisPoints())));
		Entry credit = store.append(firm, EntryKind.CREDIT, amount, net, amount.minus(net), balance, key, null,
				description, store.nextReceiptNumber(), actor, now);
		events.publishEvent(new BillingEvents.Credited(firm, actor, amount, credit.receiptNumber(), credit.balanceAfter()));
		return credit;
	}

	/** Microseconds: what both databases keep, so that an entry reads back as it was written. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private void requireAdministrator(UserId user) {
		boolean administrator = users.findById(user).map(u -> u.role() == Role.PLATFORM_ADMIN).orElse(false);
		if (!administrator) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "billing.adminOnly");
		}
	}

	private static void checkCredit(Money amount) {
		if (amount == null || !amount.isPositive() || amount.compareTo(MAX_CREDIT) > 0) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "billing.credit.invalidAmount");
		}
	}

	private static String checkedKey(String key) {
		if (key == null || key.isBlank() || key.length() > 180 || key.chars().anyMatch(Character::isISOControl)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "billing.invalidKey");
		}
		return key.strip();
	}

}
