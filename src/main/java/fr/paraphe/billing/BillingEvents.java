package fr.paraphe.billing;

import java.util.UUID;
import java.util.Map;

import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;

/**
 * Movements of the accounts, for the audit trail and the notifications.
 */
public final class BillingEvents {

	private BillingEvents() {
	}

	public record Credited(FirmId firm, String actor, Money amount, Long receiptNumber, Money balance, UUID eventId)
			implements Auditable {

		public Credited(FirmId firm, String actor, Money amount, Long receiptNumber, Money balance) {
			this(firm, actor, amount, receiptNumber, balance, UUID.randomUUID());
		}

		public String action() {
			return "billing.credited";
		}

		public Map<String, String> details() {
			return Map.of("amount", amount.plain(), "receipt", String.valueOf(receiptNumber), "balance", balance.plain());
		}

	}

	/**
	 * One debit, or the debits of a bulk job's batch settled together ({@code count} of them, {@code amount} their
	 * total, {@code balance} the lowest balance after them): one audit entry for the batch; each debit stays in
	 * the ledger under its own key.
	 */
	public record Debited(FirmId firm, String actor, Operation operation, Money amount, Money balance, int count,
			UUID eventId) implements Auditable {

		public Debited(FirmId firm, String actor, Operation operation, Money amount, Money balance) {
			this(firm, actor, operation, amount, balance, 1, UUID.randomUUID());
		}

		public Debited(FirmId firm, String actor, Operation operation, Money amount, Money balance, int count) {
			this(firm, actor, operation, amount, balance, count, UUID.randomUUID());
		}

		public String action() {
			return "billing.debited";
		}

		public Map<String, String> details() {
			if (count > 1) {
				return Map.of("operation", operation.name(), "amount", amount.plain(), "balance", balance.plain(),
						"count", String.valueOf(count));
			}
			return Map.of("operation", operation.name(), "amount", amount.plain(), "balance", balance.plain());
		}

	}

	/** A debit took the balance below the threshold the owner chose. */
	public record BalanceLow(FirmId firm, Money balance, Money threshold, UUID eventId) implements Auditable {

		public BalanceLow(FirmId firm, Money balance, Money threshold) {
			this(firm, balance, threshold, UUID.randomUUID());
		}

		public String actor() {
			return "system";
		}

		public String action() {
			return "billing.balance.low";
		}

		public Map<String, String> details() {
			return Map.of("balance", balance.plain(), "threshold", threshold.plain());
		}

	}

	/**
	 * A platform administrator marked a closed firm's refund paid: the balance left at its closing was transferred
	 * back ({@code reference}, {@code paidOn}) and taken out of the ledger. {@code formerOwner}: who closed the firm,
	 * to be told.
	 */
	public record RefundPaid(FirmId firm, String actor, Money amount, String reference, java.time.LocalDate paidOn,
			fr.paraphe.shared.UserId formerOwner, UUID eventId) implements Auditable {

		public RefundPaid(FirmId firm, String actor, Money amount, String reference, java.time.LocalDate paidOn,
				fr.paraphe.shared.UserId formerOwner) {
			this(firm, actor, amount, reference, paidOn, formerOwner, UUID.randomUUID());
		}

		public String action() {
			return "billing.refund.paid";
		}

		public Map<String, String> details() {
			return Map.of("amount", amount.plain(), "reference", reference, "paidOn", paidOn.toString());
		}

	}

	public record TariffAdded(String actor, Tariff tariff, UUID eventId) implements Auditable {

		public TariffAdded(String actor, Tariff tariff) {
			this(actor, tariff, UUID.randomUUID());
		}

		public FirmId firm() {
			return null;
		}

		public String action() {
			return "billing.tariff.added";
		}

		public Map<String, String> details() {
			return Map.of("from", tariff.effectiveFrom().toString(), "signature", tariff.signature().plain(), "seal",
					tariff.seal().plain(), "collectionSigner", tariff.collectionSigner().plain(), "vat",
					tariff.vatPercent());
		}

	}

}
