package fr.paraphe.evidence;

/**
 * Where a one-time code went, masked for an evidence file and for the pages that say it: enough for the person
 * to recognise their own address, not enough to read it.
 */
public final class MaskedAddresses {

	private MaskedAddresses() {
	}

	/**
	 * {@code claire.martin@exemple.fr} → {@code c***@exemple.fr}: the local part's first character, the domain
	 * whole. Anything that is not {@code local@domain} gives {@code ***}.
	 */
	public static String email(String address) {
		if (address == null) {
			return "***";
		}
		String text = address.strip();
		int at = text.lastIndexOf('@');
		if (at < 1 || at == text.length() - 1 || text.indexOf('@') != at) {
			return "***";
		}
		return text.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
				StringBuilder::append) + "***" + text.substring(at);
	}

	/**
	 * {@code +33612345678} → {@code +33 6 ** ** ** 78}: for a French number the country code, the first digit
	 * and the last two; for another country the {@code +} and the first two and last two digits
	 * ({@code +4915112345678} → {@code +49 ********* 78}). Fewer than 8 digits give {@code ***}.
	 */
	public static String phone(String number) {
		if (number == null) {
			return "***";
		}
		String digits = number.replaceAll("[^0-9]", "");
		boolean international = number.strip().startsWith("+") || number.strip().startsWith("00");
		if (number.strip().startsWith("00")) {
			digits = digits.substring(2);
		}
		if (!international && digits.length() == 10 && digits.startsWith("0")) {
			digits = "33" + digits.substring(1);
		}
		if (digits.length() < 8 || digits.length() > 15) {
			return "***";
		}
		String last = digits.substring(digits.length() - 2);
		if (digits.startsWith("33") && digits.length() == 11) {
			return "+33 " + digits.charAt(2) + " ** ** ** " + last;
		}
		return "+" + digits.substring(0, 2) + " " + "*".repeat(digits.length() - 4) + " " + last;
	}

}
