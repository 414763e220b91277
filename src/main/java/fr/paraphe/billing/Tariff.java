package fr.paraphe.billing;

import java.time.Instant;

import fr.paraphe.shared.Money;

/**
 * Prices (net, HT) from a date, and the VAT rate.
 *
 * @param vatBasisPoints 2000 for 20 %
 */
public record Tariff(Instant effectiveFrom, Money signature, Money seal, Money collectionSigner, int vatBasisPoints) {

	/** The net price of one operation. */
	public Money netPrice(Operation operation) {
		return switch (operation) {
			case SIGNATURE -> signature;
			case SEAL -> seal;
			case COLLECTION_SIGNER -> collectionSigner;
		};
	}

	/** The price with VAT, what the balance is debited by. */
	public Money grossPrice(Operation operation) {
		Money net = netPrice(operation);
		return net.plus(net.vat(vatBasisPoints));
	}

	/** The VAT rate as a percentage for display, e.g. "20" or "5,5". */
	public String vatPercent() {
		return java.math.BigDecimal.valueOf(vatBasisPoints, 2).stripTrailingZeros().toPlainString().replace('.', ',');
	}

}
