package fr.paraphe.billing.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import fr.paraphe.billing.BillingEvents;
import fr.paraphe.billing.Entry;
import fr.paraphe.billing.EntryKind;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Names;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The refunds that closing a firm asks for (its owner chose REFUND for the balance left): the platform's staff make
 * the bank transfer out of Paraphe, then mark the refund paid here. Marking it paid takes the balance out of the
 * ledger (an entry of kind REFUND, keyed {@code refund:<firm>}, so a firm is refunded once however often the form is
 * posted), keeps the transfer's reference and date, and publishes {@link BillingEvents.RefundPaid} (the firm's
 * audit trail; the former owner's e-mail, after the commit). Platform administrators only.
 */
@Service
public class Refunds {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/**
	 * A closed firm's refund.
	 * @param amount what is to be paid back (the balance left), or what was
	 * @param credits how the firm's money came in (the credits' descriptions, newest first, at most five): the
	 * closing recorded no bank details, so the refund goes back the way the money came, or to an account the former
	 * owner gives
	 * @param paid null while it is to be paid
	 */
	public record Refund(Firms.Closing closing, Money amount, String ownerName, String ownerEmail,
			List<String> credits, Paid paid) {
	}

	/** A refund marked paid: the transfer's reference and date, who marked it and when. */
	public record Paid(String reference, LocalDate paidOn, Instant recordedAt) {
	}

	/** What marking a refund paid did: {@code replayed} when it had been marked paid already (nothing done again). */
	public record Marked(Refund refund, boolean replayed) {
	}

	private final BillingStore ledger;

	private final RefundStore store;

	private final Firms firms;

	private final Users users;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Refunds(BillingStore ledger, RefundStore store, Firms firms, Users users, Clock clock,
			ApplicationEventPublisher events) {
		this.ledger = ledger;
		this.store = store;
		this.firms = firms;
		this.users = users;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Every closed firm's refund asked at its closing, oldest closing first: those to pay (a balance left) and
	 * those marked paid. @throws ProblemException 403 for anyone but a platform administrator
	 */
	@Transactional(readOnly = true)
	public List<Refund> all(UserId administrator) {
		requireAdministrator(administrator);
		List<Firms.Closing> closings = firms.closingsAskingRefund();
		Map<FirmId, RefundStore.PaidRow> paid = store.of(closings.stream().map(closing -> closing.firm().id()).toList())
			.stream()
			.collect(Collectors.toMap(RefundStore.PaidRow::firm, Function.identity()));
		List<Refund> refunds = new ArrayList<>();
		for (Firms.Closing closing : closings) {
			Refund refund = refund(closing, Optional.ofNullable(paid.get(closing.firm().id())));
			if (refund.paid() != null || refund.amount().isPositive()) {
				refunds.add(refund);
			}
		}
		return refunds;
	}

	/**
	 * Marks the closed firm's refund paid: the transfer of its whole remaining balance was made on {@code paidOn}
	 * with {@code reference}. Once per firm: a second call changes nothing and says so ({@link Marked#replayed}).
	 * @throws ProblemException 403 for anyone but a platform administrator; 404 {@code billing.refund.notFound}
	 * for a firm that is not closed with a refund asked; 400 {@code billing.refund.invalidReference} or
	 * {@code billing.refund.invalidDate} (none, to come, or before the closing); 409 {@code billing.refund.nothing}
	 * when no balance is left
	 */
	@Transactional
	public Marked markPaid(UserId administrator, FirmId firm, String reference, LocalDate paidOn) {
		requireAdministrator(administrator);
		Firms.Closing closing = firms.closing(firm)
			.filter(closed -> "REFUND".equals(closed.balanceChoice()))
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "billing.refund.notFound"));
		String cleanReference = reference(reference);
		// Microseconds: what both databases keep, so that the entry reads back as it was written.
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		if (paidOn == null || paidOn.isAfter(LocalDate.ofInstant(now, PARIS))
				|| paidOn.isBefore(LocalDate.ofInstant(closing.closedAt(), PARIS))) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "billing.refund.invalidDate");
		}
		// The account's row lock orders two administrators' posts: the second finds the first's refund.
		Money balance = ledger.lockAccount(firm, now);
		Optional<RefundStore.PaidRow> already = store.find(firm);
		if (already.isPresent()) {
			return new Marked(refund(closing, already), true);
		}
		if (!balance.isPositive()) {
			throw new ProblemException(HttpStatus.CONFLICT, "billing.refund.nothing");
		}
		// The balance was credited VAT included: the refund gives back net and VAT as today's rate splits them.
		Money net = ledger.tariffAt(now).map(tariff -> balance.netOfGross(tariff.vatBasisPoints())).orElse(balance);
		Entry entry = ledger.append(firm, EntryKind.REFUND, balance, net, balance.minus(net), balance,
				"refund:" + firm.value(), null, "Remboursement " + cleanReference, null, administrator.toString(), now);
		RefundStore.PaidRow row = new RefundStore.PaidRow(firm, entry.id(), balance, cleanReference, paidOn,
				administrator, now);
		store.insert(row);
		events.publishEvent(new BillingEvents.RefundPaid(firm, administrator.toString(), balance, cleanReference,
				paidOn, closing.closedBy()));
		return new Marked(refund(closing, Optional.of(row)), false);
	}

	private Refund refund(Firms.Closing closing, Optional<RefundStore.PaidRow> paid) {
		FirmId firm = closing.firm().id();
		Optional<User> owner = closing.closedBy() == null ? Optional.empty() : users.findById(closing.closedBy());
		List<String> credits = ledger.entries(firm, Instant.EPOCH, clock.instant().plusSeconds(60), EntryKind.CREDIT, 5)
			.stream()
			.map(Entry::description)
			.toList();
		return new Refund(closing, paid.map(RefundStore.PaidRow::amount).orElseGet(() -> ledger.balance(firm)),
				owner.map(User::displayName).orElse(""), owner.map(User::email).orElse(""), credits,
				paid.map(row -> new Paid(row.reference(), row.paidOn(), row.recordedAt())).orElse(null));
	}

	private static String reference(String raw) {
		String text;
		try {
			text = Names.text(raw, 100);
		}
		catch (Names.InvalidText invalid) {
			text = null;
		}
		if (text == null) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "billing.refund.invalidReference");
		}
		return text;
	}

	private void requireAdministrator(UserId user) {
		boolean administrator = users.findById(user).map(u -> u.role() == Role.PLATFORM_ADMIN).orElse(false);
		if (!administrator) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "billing.adminOnly");
		}
	}

}
