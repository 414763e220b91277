package fr.paraphe.billing.web;

/**
 * Cells of the CSV exports.
 */
public final class CsvCells {

	private CsvCells() {
	}

	/**
	 * An amount as French spreadsheets read a number: a decimal comma, no thousands separator ({@code 1234,50});
	 * the cells are separated by semicolons, as French Excel expects.
	 */
	public static String amount(fr.paraphe.shared.Money amount) {
		return amount.plain().replace('.', ',');
	}

	/**
	 * A text cell: quoted, on one line, and never starting with a character a spreadsheet would run as a
	 * formula (CSV injection: "=", "+", "-", "@", tab).
	 */
	public static String text(String text) {
		return fr.paraphe.shared.Csv.text(text);
	}

}
