package fr.paraphe.validation;

/**
 * Seals a PDF validation report with the platform's electronic seal, so that the report itself can be verified.
 * The signing module will provide the platform's seal as a bean of this type; until then the validation module
 * seals with the key store of {@code paraphe.validation.report-seal.*} when one is configured. Without either,
 * the report is offered as JSON only.
 */
public interface ReportSeal {

	/**
	 * @param pdf an unsigned PDF
	 * @return the same PDF with a PAdES seal in an incremental update
	 */
	byte[] seal(byte[] pdf);

}
