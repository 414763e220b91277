package fr.paraphe.signing.internal;

import java.nio.charset.StandardCharsets;

import fr.paraphe.shared.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The first checks of an uploaded document, before any parsing: its size, and "%PDF-" in its first kilobyte.
 */
public final class PdfInput {

	private PdfInput() {
	}

	/**
	 * The size limit, then the header.
	 * @throws ProblemException 413 {@code signing.error.tooLarge}, 415 {@code signing.error.notPdf}
	 */
	public static void check(byte[] pdf, org.springframework.util.unit.DataSize maxSize) {
		if (pdf.length > maxSize.toBytes()) {
			throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "signing.error.tooLarge", maxSize.toMegabytes());
		}
		requireHeader(pdf);
	}

	/** @throws ProblemException 415 {@code signing.error.notPdf} */
	public static void requireHeader(byte[] pdf) {
		if (pdf.length < 5 || !new String(pdf, 0, Math.min(pdf.length, 1024), StandardCharsets.ISO_8859_1).contains("%PDF-")) {
			throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "signing.error.notPdf");
		}
	}

}
