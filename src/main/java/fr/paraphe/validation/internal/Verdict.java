package fr.paraphe.validation.internal;

/** The one verdict on a whole document, from the worst of its signatures and modifications. */
public enum Verdict {

	/** Every signature TOTAL_PASSED and nothing visible changed after any of them. */
	VALID,

	/** The signatures are intact but the document was changed after signing in a way a reader can see. */
	MODIFIED,

	/** At least one signature failed (altered signed bytes, revoked certificate, broken structure...). */
	INVALID,

	/** No signature failed, but at least one could not be confirmed (unknown signer, missing revocation). */
	INDETERMINATE,

	/** The PDF carries no signature at all; never a pass. */
	NO_SIGNATURE

}
