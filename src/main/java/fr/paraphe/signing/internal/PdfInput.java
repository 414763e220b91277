package fr.paraphe.signing.internal;


import fr.paraphe.shared.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The first checks of an uploaded document, before any parsing: its size, and "%PDF-" at its very first byte.
 * ISO 32000 lets readers look for the header in the first kilobyte, but a file with bytes before it is a
 * polyglot (an HTML page a browser would render, with a PDF after it): we neither sign nor seal one.
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
		if (!startsWithHeader(pdf)) {
			throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "signing.error.notPdf");
		}
	}

	/** Whether {@code head} starts with "%PDF-": the engine's rule ({@link fr.paraphe.pades.PadesSigner#startsWithPdfHeader}). */
	public static boolean startsWithHeader(byte[] head) {
		return fr.paraphe.pades.PadesSigner.startsWithPdfHeader(head);
	}

}
