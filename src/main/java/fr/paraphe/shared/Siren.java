package fr.paraphe.shared;

/**
 * A French company identification number (SIREN): nine digits whose last one is a Luhn check digit
 * (INSEE). The constructor refuses anything else, so a {@code Siren} in hand is always well formed.
 */
public record Siren(String value) implements java.io.Serializable {

	public Siren {
		if (!isValid(value)) {
			throw new IllegalArgumentException("Not a valid SIREN: nine digits with a Luhn check digit expected");
		}
	}

	/**
	 * Parses a SIREN typed by a person or sent by a partner: spaces are ignored.
	 * @throws IllegalArgumentException if the number is not a valid SIREN
	 */
	public static Siren parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("Not a valid SIREN: nine digits with a Luhn check digit expected");
		}
		return new Siren(text.replace(" ", "").replace("\u00a0", ""));
	}

	/** Whether {@code value} is nine ASCII digits passing the Luhn check. Never throws. */
	public static boolean isValid(String value) {
		if (value == null || value.length() != 9) {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < 9; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
			int digit = c - '0';
			// Luhn: from the right, every second digit is doubled; here the doubled ones are at odd indexes.
			if (i % 2 == 1) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
		}
		return sum % 10 == 0;
	}

	/** The usual French grouping, "732 829 320". */
	public String formatted() {
		return value.substring(0, 3) + " " + value.substring(3, 6) + " " + value.substring(6);
	}

	@Override
	public String toString() {
		return value;
	}

}
