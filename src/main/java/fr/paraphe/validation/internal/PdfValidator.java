package fr.paraphe.validation.internal;

import java.io.InputStream;
import java.util.Locale;

/**
 * Validates signed PDFs: every signature and document time-stamp with EU DSS under a strict policy, plus
 * Paraphe's own comparison of each signed revision with the final file.
 */
public interface PdfValidator {

	/**
	 * Validates one PDF. Reads at most the configured maximum size from {@code pdf} (it does not close it) and
	 * ends within the configured time.
	 *
	 * @param filename the document's name for the report, may be null
	 * @param locale the language of the explanation (French when null)
	 * @return the report, never null; a PDF without signature gives {@link Verdict#NO_SIGNATURE}
	 * @throws DocumentRejectedException if the input is too large, not a PDF, encrypted, unreadable, too costly to
	 * analyse, or if the service is saturated
	 */
	ValidationReport validate(InputStream pdf, String filename, Locale locale);

	/**
	 * Validates one PDF for {@code client}: as {@link #validate(InputStream, String, Locale)}, in the client's queue
	 * (firms with an API key apart from the public), and refused with
	 * {@link DocumentRejectedException.Reason#CLIENT_BUSY} when the document is heavy and the same client already has
	 * a heavy one being validated.
	 */
	default ValidationReport validate(InputStream pdf, String filename, Locale locale, ValidationClient client) {
		return validate(pdf, filename, locale);
	}

}
