package fr.paraphe.billing;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;

/**
 * Takes a firm's payment for a credit of its account. A real provider (card, SEPA) plugs in here: a bean chosen by
 * {@code paraphe.billing.payment-provider} (README, "Billing"); the {@code prod} profile refuses the demonstration one.
 */
public interface PaymentProvider {

	/** A name to show and keep with the credit, e.g. "Démonstration". */
	String name();

	/**
	 * Takes the payment, returning only once the provider confirmed it.
	 * @return the provider's reference of the confirmed payment, unique per payment (the ledger's idempotency key)
	 * @throws PaymentRefused when the provider refuses it
	 */
	String pay(FirmId firm, Money amount, String description);

	/** The provider refused the payment; nothing was credited. */
	class PaymentRefused extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public PaymentRefused(String message) {
			super(message);
		}

	}

}
