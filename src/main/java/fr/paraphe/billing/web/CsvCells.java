package fr.paraphe.billing.web;

/**
 * Cells of the CSV exports.
 */
public final class CsvCells {

	private CsvCells() {
	}

	/**
	 * A text cell: quoted, on one line, and never starting with a character a spreadsheet would run as a
	 * formula (CSV injection: "=", "+", "-", "@", tab).
	 */
	public static String text(String text) {
		return fr.paraphe.shared.Csv.text(text);
	}

}
