package fr.paraphe.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import fr.paraphe.billing.internal.BillingStore;
import fr.paraphe.billing.internal.ReceiptPdf;
import fr.paraphe.firm.Firm;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The firm's prepaid account. The balance never goes below zero: an operation that cannot be paid is
 * refused before it runs. Reserve, work, settle: the reservation takes the firm's account row (once per
 * operation), the settlement turns the reservation's ledger entry into the debit without taking it again
 * (docs/decisions/settle-in-place.md). A paid operation and its debit commit together or not at all, and a debit is
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

	private final TransactionTemplate transactions;

	private final Duration lockWait;

	Billing(BillingStore store, Firms firms, Users users, PaymentProvider payments, Clock clock,
			ApplicationEventPublisher events, ReceiptPdf receipts, TransactionTemplate transactions,
			@Value("${paraphe.billing.lock-wait:PT10S}") Duration lockWait) {
		this.transactions = transactions;
		this.lockWait = lockWait;
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
		Money balance = store.lockAccount(firm, now());
		// The time is taken under the account's lock, so that the ledger's times follow its order.
		Instant now = now();
		Optional<Entry> earlier = store.findByKey(firm, key);
		if (earlier.isPresent()) {
			return new Charged<>(earlier.get(), null, true);
		}
		Tariff tariff = tariffAt(now);
		Money price = tariff.grossPrice(operation);
		if (balance.compareTo(price) < 0) {
			throw insufficient();
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
	 * Sets the operation's price aside on the firm's account, in a short transaction of its own (the account
	 * row is locked only for it), so that the operation itself runs with no lock and no connection held.
	 * Then {@link #settle} in the transaction that records the operation's result, or {@link #release} if it
	 * failed; a reservation neither settled nor released (a crash) is released by {@link #releaseStale}.
	 * @param key what the operation pays for, e.g. {@code "seal:" + document id}; if it was already debited,
	 * nothing is reserved and the returned reservation is {@link Reservation#replayed() replayed}
	 * @throws ProblemException 402 when the balance does not cover the price, 400 for a bad key
	 */
	public Reservation reserve(FirmId firm, Operation operation, String key, String actor) {
		String checked = checkedKey(key);
		long deadline = System.nanoTime() + lockWait.toNanos();
		long pause = 5;
		while (true) {
			try {
				return reserveNow(firm, operation, checked, actor);
			}
			catch (org.springframework.dao.DataAccessException busy) {
				if (!lockRefused(busy)) {
					throw busy;
				}
				// PostgreSQL reports the short wait's refusal (lock_timeout) as SQL state 55P03 (not always
				// translated to a lock failure), H2 as a timeout (50200).
				// The account is locked (a settlement, a credit): wait with no connection held, then try again.
				if (System.nanoTime() > deadline) {
					throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "billing.busy");
				}
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "billing.busy");
				}
				pause = Math.min(pause * 2, 200);
			}
		}
	}

	private Reservation reserveNow(FirmId firm, Operation operation, String checked, String actor) {
		return transactions.execute(status -> {
			// What needs no lock first (debits are settled without the account row anyway): the account row is
			// held only from the conditional update that takes the price to the commit, the entry in between.
			Optional<Entry> earlier = store.findByKey(firm, checked);
			if (earlier.isPresent()) {
				return new Reservation(null, firm, checked, operation, earlier.get().amount(), actor, earlier.get());
			}
			Tariff tariff = tariffAt(now());
			Money price = tariff.grossPrice(operation);
			Money net = tariff.netPrice(operation);
			UUID id = UUID.randomUUID();
			store.insertReservation(id, firm, checked, operation, price, net, actor, now());
			if (price.isPositive()) {
				BillingStore.Taken taken = store.takeIfCovered(firm, price, now()).orElseThrow(Billing::insufficient);
				// The time is taken under the account's lock, so that the ledger's times follow its order.
				store.appendTaken(firm, EntryKind.RESERVATION, price, net, price.minus(net), taken, "reserve:" + id,
						operation, operation.name(), actor, now());
			}
			return new Reservation(id, firm, checked, operation, price, actor, null);
		});
	}

	/**
	 * Sets aside the price of {@code keys.size()} operations at once, in the caller's transaction (a bulk job's
	 * submission, so that the job and its reservations commit together or not at all): one reservation per key,
	 * under the id the caller chose for it (so that it can record its work first and lock the account last), each
	 * settled or released on its own later. All or nothing: if the balance does not cover them all, nothing
	 * is reserved.
	 * @throws ProblemException 402 {@code billing.insufficientFor} naming the missing amount; 409
	 * {@code billing.alreadyDebited} if a key was already debited
	 */
	@Transactional
	public List<Reservation> reserveAll(FirmId firm, Operation operation, java.util.LinkedHashMap<String, UUID> keys,
			String actor) {
		List<String> checked = keys.keySet().stream().map(Billing::checkedKey).toList();
		List<UUID> ids = List.copyOf(keys.values());
		if (!store.existingKeys(firm, checked).isEmpty()) {
			throw new ProblemException(HttpStatus.CONFLICT, "billing.alreadyDebited");
		}
		Tariff tariff = tariffAt(now());
		Money price = tariff.grossPrice(operation);
		Money net = tariff.netPrice(operation);
		Money total = price.times(checked.size());
		// The reservations' rows first, in one batch; the account row last, for the check and the entries.
		store.insertReservations(firm, ids, checked, operation, price, net, actor, now());
		Money balance = store.lockAccount(firm, now());
		Instant now = now();
		if (balance.compareTo(total) < 0) {
			throw new ProblemException(HttpStatus.PAYMENT_REQUIRED, "billing.insufficientFor",
					total.minus(balance).format(java.util.Locale.FRANCE), total.format(java.util.Locale.FRANCE))
				.withLink(ACCOUNT_PATH, "billing.insufficient.link");
		}
		if (price.isPositive()) {
			store.appendReservations(firm, ids, price, net, balance, operation, actor, now);
		}
		List<Reservation> reservations = new java.util.ArrayList<>(checked.size());
		for (int n = 0; n < checked.size(); n++) {
			reservations.add(new Reservation(ids.get(n), firm, checked.get(n), operation, price, actor, null));
		}
		return reservations;
	}

	/** The price of one operation under the tariff in force now, VAT included. */
	@Transactional(readOnly = true)
	public Money price(Operation operation) {
		return tariffAt(clock.instant()).grossPrice(operation);
	}

	/**
	 * Turns the reservation into the debit of its key, in the caller's transaction (the one that records the
	 * operation's result, so that both commit or neither), without taking the firm's account row again: the
	 * reservation's ledger entry becomes the debit in place (its amount already left the balance when it was
	 * reserved), so a firm's operations take its account row once each, at their reservation. If housekeeping
	 * already released it (the operation took too long), the debit is taken afresh, under the account's lock, if
	 * the balance covers it.
	 * @return the debit (null for a free operation)
	 * @throws ProblemException 402 if the reservation was released and the balance no longer covers the price
	 */
	@Transactional
	public Entry settle(Reservation reservation) {
		Settled settled = settleOne(reservation);
		if (settled.fresh()) {
			published(reservation.firm(), reservation.actor(), reservation.operation(), settled.debit().amount(),
					settled.debit().balanceAfter(), 1);
		}
		return settled.debit();
	}

	/**
	 * As {@link #settle} for several reservations of one firm and one operation (a bulk job's batch), in the
	 * caller's transaction: each turns into its own debit, keyed by what it paid for; one {@link
	 * BillingEvents.Debited} (the batch's total) is published for them all, not one per reservation.
	 * @return the debits, in the reservations' order (null for a free operation)
	 * @throws ProblemException 402 as {@link #settle}: nothing of the batch is then debited (the caller's
	 * transaction rolls back)
	 */
	@Transactional
	public List<Entry> settleAll(List<Reservation> reservations) {
		if (reservations.isEmpty()) {
			return List.of();
		}
		FirmId firm = reservations.get(0).firm();
		if (reservations.stream().anyMatch(reservation -> !reservation.firm().equals(firm)
				|| reservation.id() == null)) {
			throw new IllegalArgumentException("A batch's reservations are one firm's");
		}
		// In a few statements for the whole batch, not five per reservation: the keys already paid for, the
		// reservations closed (a JDBC batch), their entries turned into debits (another), the debits read back.
		Map<String, Entry> earlier = store.findByKeys(firm,
				reservations.stream().map(Reservation::key).toList());
		List<Reservation> open = reservations.stream()
			.filter(reservation -> !earlier.containsKey(reservation.key()))
			.toList();
		boolean[] closed = store.closeReservations(open.stream().map(Reservation::id).toList(), "SETTLED", now());
		Map<UUID, String> won = new LinkedHashMap<>();
		for (int n = 0; n < open.size(); n++) {
			if (closed[n]) {
				won.put(open.get(n).id(), open.get(n).key());
			}
		}
		store.settleEntries(firm, won);
		Map<String, Entry> settled = store.findByKeys(firm, List.copyOf(won.values()));
		List<Entry> debits = new java.util.ArrayList<>(reservations.size());
		Money total = Money.ZERO;
		Money lowest = null;
		int count = 0;
		for (Reservation reservation : reservations) {
			Settled one;
			if (earlier.containsKey(reservation.key())) {
				// Another operation with this key (a concurrent retry) settled first: this one's price comes back.
				releaseLocked(firm, reservation.id());
				one = new Settled(earlier.get(reservation.key()), false);
			}
			else if (won.containsKey(reservation.id())) {
				Entry debit = settled.get(reservation.key());
				// No entry: nothing was reserved (a free operation).
				one = new Settled(debit, debit != null);
			}
			else {
				// Released meanwhile (housekeeping found it stale): settled alone, afresh if the balance covers it.
				one = settleOne(reservation);
			}
			debits.add(one.debit());
			if (one.fresh()) {
				total = total.plus(one.debit().amount());
				count++;
				if (lowest == null || one.debit().balanceAfter().compareTo(lowest) < 0) {
					lowest = one.debit().balanceAfter();
				}
			}
		}
		if (count > 0) {
			Reservation first = reservations.get(0);
			published(first.firm(), first.actor(), first.operation(), total, lowest, count);
		}
		return debits;
	}

	/** A settlement: its debit, and whether this settlement took it (not an earlier one with the same key). */
	private record Settled(Entry debit, boolean fresh) {
	}

	private Settled settleOne(Reservation reservation) {
		FirmId firm = reservation.firm();
		Optional<Entry> earlier = store.findByKey(firm, reservation.key());
		if (earlier.isPresent()) {
			// Another operation with this key (a concurrent retry) settled first: this one's price comes back.
			if (reservation.id() != null) {
				releaseLocked(firm, reservation.id());
			}
			return new Settled(earlier.get(), false);
		}
		BillingStore.StoredReservation stored = store.reservation(firm, reservation.id()).orElseThrow();
		Money price = Money.ofCents(stored.amountCents());
		Money net = Money.ofCents(stored.netCents());
		if (store.closeReservation(reservation.id(), "SETTLED", now())) {
			if (!price.isPositive()) {
				return new Settled(null, false);
			}
			// The reservation's entry becomes the debit: no account row, no new entry.
			Entry debit = store.settleEntry(firm, reservation.id(), reservation.key())
				.orElseThrow(() -> new IllegalStateException("Reservation " + reservation.id() + " has no ledger entry"));
			return new Settled(debit, true);
		}
		// Released meanwhile (housekeeping found it stale): the debit afresh, if the balance still covers it.
		Money balance = store.lockAccount(firm, now());
		Instant now = now();
		if (balance.compareTo(price) < 0) {
			throw insufficient();
		}
		if (!price.isPositive()) {
			return new Settled(null, false);
		}
		return new Settled(store.append(firm, EntryKind.DEBIT, price, net, price.minus(net), balance, reservation.key(),
				reservation.operation(), reservation.operation().name(), null, reservation.actor(), now), true);
	}

	/** {@link BillingEvents.Debited}, and {@link BillingEvents.BalanceLow} if the debits crossed the threshold. */
	private void published(FirmId firm, String actor, Operation operation, Money amount, Money balanceAfter, int count) {
		events.publishEvent(new BillingEvents.Debited(firm, actor, operation, amount, balanceAfter, count));
		// The balance before these debits' reservations: the threshold is crossed once, by the one that went under.
		Money before = balanceAfter.plus(amount);
		store.threshold(firm)
			.filter(threshold -> before.compareTo(threshold) >= 0 && balanceAfter.compareTo(threshold) < 0)
			.ifPresent(threshold -> events.publishEvent(new BillingEvents.BalanceLow(firm, balanceAfter, threshold)));
	}

	/**
	 * Gives a reservation back (its operation failed), in a transaction of its own; nothing if it was already
	 * settled or released.
	 */
	public void release(Reservation reservation) {
		if (reservation.replayed()) {
			return;
		}
		transactions.executeWithoutResult(status -> releaseLocked(reservation.firm(), reservation.id()));
	}

	/**
	 * Releases every reservation still active {@code olderThan} after it was made: its operation's node died
	 * between the reservation and the settlement. Each in its own short transaction.
	 * @return how many were released
	 */
	public int releaseStale(Duration olderThan) {
		int released = 0;
		for (BillingStore.StoredReservation stale : transactions
			.execute(status -> store.activeReservationsBefore(clock.instant().minus(olderThan), 500))) {
			Boolean done = transactions.execute(status -> releaseLocked(stale.firm(), stale.id()));
			released += Boolean.TRUE.equals(done) ? 1 : 0;
		}
		return released;
	}

	private boolean releaseLocked(FirmId firm, UUID id) {
		BillingStore.StoredReservation stored = store.reservation(firm, id).orElse(null);
		if (stored == null || !"ACTIVE".equals(stored.status())) {
			return false;
		}
		Money balance = store.lockAccount(firm, now());
		Instant now = now();
		// A settlement takes no account lock: the reservation's row decides which of the two closes it.
		if (!store.closeReservation(id, "RELEASED", now)) {
			return false;
		}
		Money price = Money.ofCents(stored.amountCents());
		if (price.isPositive()) {
			Money net = Money.ofCents(stored.netCents());
			store.append(firm, EntryKind.RELEASE, price, net, price.minus(net), balance, "release:" + id,
					Operation.valueOf(stored.operation()), stored.operation(), null, stored.actor(), now);
		}
		return true;
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
	 * Refuses an operation the firm's balance does not cover now, before any work or any one-time code is spent
	 * on it; {@link #reserve} checks again.
	 * @throws ProblemException 402, linking to the account's page
	 */
	@Transactional(readOnly = true)
	public void requireCovers(FirmId firm, Operation operation) {
		if (!covers(firm, operation)) {
			throw insufficient();
		}
	}

	/**
	 * Credits the firm's account through the payment provider; the owner only. Each call is a new submission:
	 * a page posts {@link #credit(FirmId, UserId, Money, String)} with its form's token instead.
	 */
	public Entry credit(FirmId firm, UserId owner, Money amount) {
		return credit(firm, owner, amount, UUID.randomUUID().toString());
	}

	/**
	 * Credits the firm's account through the payment provider, once per form submission; the owner only. The
	 * amount is what the firm pays, VAT included; the receipt shows net and VAT. The intent to pay is recorded
	 * first, the provider is called with no transaction open (no connection held while it answers), then the
	 * credit is recorded: posting the same form again returns that credit and pays nothing more.
	 * @param submission the credit form's token, drawn when the page was shown
	 * @throws ProblemException 400 for an amount out of bounds or no token, 402 when the provider refuses (now
	 * or the first time), 409 while the same form's first post is still with the provider
	 */
	public Entry credit(FirmId firm, UserId owner, Money amount, String submission) {
		String token = checkedSubmission(submission);
		checkCredit(amount);
		BillingStore.Intent intent = transactions.execute(status -> {
			firms.requireOwner(owner, firm);
			return store.openIntent(firm, token, amount, owner.toString(), now());
		});
		switch (intent.status()) {
			case "NEW" -> {
			}
			case "PAID" -> {
				return transactions.execute(status -> store.findById(firm, intent.entry()).orElseThrow());
			}
			case "PENDING" -> throw new ProblemException(HttpStatus.CONFLICT, "billing.credit.inProgress");
			default -> throw new ProblemException(HttpStatus.PAYMENT_REQUIRED, "billing.paymentRefused");
		}
		String reference;
		try {
			reference = payments.pay(firm, amount, "Crédit du compte-cabinet");
		}
		catch (PaymentProvider.PaymentRefused refused) {
			transactions.executeWithoutResult(status -> store.closeIntent(intent.id(), "REFUSED", null, null));
			throw new ProblemException(HttpStatus.PAYMENT_REQUIRED, "billing.paymentRefused");
		}
		catch (RuntimeException unknown) {
			// The provider's answer is unknown: the intent stays for an operator to reconcile, never paid twice.
			transactions.executeWithoutResult(status -> store.closeIntent(intent.id(), "FAILED", null, null));
			throw unknown;
		}
		return transactions.execute(status -> {
			Entry credit = recordCredit(firm, amount, payments.name() + " " + reference, owner.toString(),
					"payment:" + reference);
			store.closeIntent(intent.id(), "PAID", reference, credit.id());
			return credit;
		});
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
	 * A credit's receipt as a PDF, made out as it was issued; the owner only.
	 * @throws ProblemException 404 if the receipt is not this firm's
	 */
	@Transactional(readOnly = true)
	public byte[] receiptPdf(FirmId firm, UserId owner, long receiptNumber) {
		Entry credit = receipt(firm, owner, receiptNumber);
		ReceiptIssue issue = receiptIssue(firm, owner, receiptNumber);
		return receipts.render(credit, issue);
	}

	/**
	 * Whom a receipt was made out to, as issued; the owner only. Receipts issued before issues were kept read
	 * the firm as it is now and the tariff of their day.
	 * @throws ProblemException 404 if the receipt is not this firm's
	 */
	@Transactional(readOnly = true)
	public ReceiptIssue receiptIssue(FirmId firm, UserId owner, long receiptNumber) {
		Entry credit = receipt(firm, owner, receiptNumber);
		return store.findReceipt(firm, receiptNumber).orElseGet(() -> {
			Firm now = firms.firm(firm, owner);
			return new ReceiptIssue(receiptNumber, firm, now.name(), now.siren(), now.ordreNumber(), now.addressLine(),
					now.postalCode(), now.city(), tariffAt(credit.createdAt()).vatBasisPoints(), credit.createdAt());
		});
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
		Money balance = store.lockAccount(firm, now());
		Instant now = now();
		Tariff tariff = tariffAt(now);
		// The amount paid includes VAT: net = amount / (1 + rate), rounded half up to the cent, in decimal.
		Money net = amount.netOfGross(tariff.vatBasisPoints());
		long number = store.nextReceiptNumber();
		Entry credit = store.append(firm, EntryKind.CREDIT, amount, net, amount.minus(net), balance, key, null,
				description, number, actor, now);
		Firm made = firms.describe(firm).orElseThrow();
		store.insertReceipt(new ReceiptIssue(number, firm, made.name(), made.siren(), made.ordreNumber(),
				made.addressLine(), made.postalCode(), made.city(), tariff.vatBasisPoints(), now), credit.id());
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

	private static String checkedSubmission(String submission) {
		if (submission == null || !submission.matches("[A-Za-z0-9-]{8,64}")) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "billing.credit.expired");
		}
		return submission;
	}

	private static String checkedKey(String key) {
		if (key == null || key.isBlank() || key.length() > 180 || key.chars().anyMatch(Character::isISOControl)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "billing.invalidKey");
		}
		return key.strip();
	}

	/** Whether the account row's short-waiting {@code FOR UPDATE} was refused because another transaction holds it. */
	private static boolean lockRefused(org.springframework.dao.DataAccessException failure) {
		if (failure instanceof PessimisticLockingFailureException || failure instanceof QueryTimeoutException) {
			return true;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/** 402: the balance does not cover the price; the refusal links to the account's page, where it is credited. */
	private static ProblemException insufficient() {
		return new ProblemException(HttpStatus.PAYMENT_REQUIRED, "billing.insufficient").withLink(ACCOUNT_PATH,
				"billing.insufficient.link");
	}

}
