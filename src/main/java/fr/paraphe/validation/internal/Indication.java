package fr.paraphe.validation.internal;

/** The main status indication of ETSI EN 319 102-1 §5.1.3 for a signature or a time-stamp. */
public enum Indication {

	/** Every check passed. */
	TOTAL_PASSED,

	/** A check failed for good: the signature is not valid (a sub-indication says why). */
	TOTAL_FAILED,

	/** The checks could not conclude (an untrusted chain, missing revocation data...). */
	INDETERMINATE

}
