package fr.paraphe.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * An amount in euro cents. Never a floating-point number.
 */
public record Money(long cents) implements Comparable<Money> {

	public static final Money ZERO = new Money(0);

	public static Money ofCents(long cents) {
		return new Money(cents);
	}

	/**
	 * Parses an amount typed by a person: "12", "12,5", "12.50", "1 250,00" (spaces ignored).
	 * @throws IllegalArgumentException if it is not an amount with at most two decimals
	 */
	public static Money parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("No amount");
		}
		String normalized = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("€", "").replace(',', '.');
		if (!normalized.matches("[0-9]{1,9}(\\.[0-9]{1,2})?")) {
			throw new IllegalArgumentException("Not an amount");
		}
		return new Money(new BigDecimal(normalized).movePointRight(2).longValueExact());
	}

	public Money plus(Money other) {
		return new Money(Math.addExact(cents, other.cents));
	}

	public Money minus(Money other) {
		return new Money(Math.subtractExact(cents, other.cents));
	}

	public Money times(long factor) {
		return new Money(Math.multiplyExact(cents, factor));
	}

	/** This net amount's VAT at a rate in basis points (2000 = 20 %), rounded half up to the cent. */
	public Money vat(int basisPoints) {
		return new Money(BigDecimal.valueOf(cents)
			.multiply(BigDecimal.valueOf(basisPoints))
			.divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
			.longValueExact());
	}

	/**
	 * The net part of this amount paid VAT included, at a rate in basis points: gross × 10,000 / (10,000 + rate),
	 * rounded half up to the cent, in exact decimal arithmetic.
	 */
	public Money netOfGross(int basisPoints) {
		return new Money(BigDecimal.valueOf(cents)
			.multiply(BigDecimal.valueOf(10_000))
			.divide(BigDecimal.valueOf(10_000L + basisPoints), 0, RoundingMode.HALF_UP)
			.longValueExact());
	}

	public boolean isPositive() {
		return cents > 0;
	}

	/** "1 234,50 €" in French, "€1,234.50" in English. */
	public String format(Locale locale) {
		NumberFormat format = NumberFormat.getCurrencyInstance(Locale.FRENCH.getLanguage().equals(locale.getLanguage())
				? Locale.FRANCE : Locale.UK);
		format.setCurrency(java.util.Currency.getInstance("EUR"));
		return format.format(BigDecimal.valueOf(cents, 2));
	}

	/** "1234.50": for CSV and machines. */
	public String plain() {
		return BigDecimal.valueOf(cents, 2).toPlainString();
	}

	@Override
	public int compareTo(Money other) {
		return Long.compare(cents, other.cents);
	}

	@Override
	public String toString() {
		return plain() + " EUR";
	}

}
