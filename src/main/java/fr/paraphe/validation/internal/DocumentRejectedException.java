package fr.paraphe.validation.internal;

/**
 * The document could not be validated at all: it is not a PDF, is too large, encrypted, broken, or too costly
 * to analyse within the limits. Never means "valid".
 */
public class DocumentRejectedException extends RuntimeException {

	private final Reason reason;

	public DocumentRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public DocumentRejectedException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

	/** Why a document was refused. */
	public enum Reason {

		/** Larger than paraphe.validation.max-document-size; refused before parsing. */
		TOO_LARGE,
		/** No PDF header. */
		NOT_PDF,
		/** Protected by a password. */
		ENCRYPTED,
		/** The PDF structure cannot be read. */
		MALFORMED,
		/** The analysis exceeded the time or memory allowed. */
		TOO_COMPLEX,
		/** Every validation slot is taken; try again later. */
		BUSY,
		/** The same client already has a heavy document being validated: one at a time (HTTP 429). */
		CLIENT_BUSY

	}

}
