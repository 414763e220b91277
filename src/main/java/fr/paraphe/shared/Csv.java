package fr.paraphe.shared;

/**
 * Cells of the CSV exports, as French Excel opens them: the file starts with a UTF-8 byte-order mark
 * ({@link #BOM}), cells are separated by semicolons, amounts have a decimal comma ({@code 50,00}).
 */
public final class Csv {

	/** The byte-order mark that makes a spreadsheet read the file as UTF-8. */
	public static final char BOM = '\ufeff';

	/** The cell separator. */
	public static final String SEPARATOR = ";";

	private Csv() {
	}

	/**
	 * A text cell: quoted, on one line, and never starting with a character a spreadsheet would run as a
	 * formula (CSV injection: "=", "+", "-", "@", tab).
	 */
	public static String text(String text) {
		if (text == null) {
			return "";
		}
		String safe = text.replace("\r", " ").replace("\n", " ");
		if (!safe.isEmpty() && "=+-@\t".indexOf(safe.charAt(0)) >= 0) {
			safe = "'" + safe;
		}
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

	/** An amount with a decimal comma and no currency: {@code 1234,50}. */
	public static String amount(Money amount) {
		return amount.plain().replace('.', ',');
	}

	/** One line: the cells joined by {@link #SEPARATOR}, ended by CR LF. */
	public static String line(String... cells) {
		return String.join(SEPARATOR, cells) + "\r\n";
	}

}
