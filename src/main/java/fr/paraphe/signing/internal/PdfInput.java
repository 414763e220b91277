package fr.paraphe.signing.internal;

import java.nio.charset.StandardCharsets;

import fr.paraphe.shared.ProblemException;

import org.springframework.http.HttpStatus;

/** The first check of an uploaded document, before any parsing: a PDF starts with "%PDF-" in its first kilobyte. */
public final class PdfInput {

	private PdfInput() {
	}

	/** @throws ProblemException 415 {@code signing.error.notPdf} */
	public static void requireHeader(byte[] pdf) {
		if (pdf.length < 5 || !new String(pdf, 0, Math.min(pdf.length, 1024), StandardCharsets.ISO_8859_1).contains("%PDF-")) {
			throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "signing.error.notPdf");
		}
	}

}
