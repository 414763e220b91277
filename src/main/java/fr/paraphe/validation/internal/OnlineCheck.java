package fr.paraphe.validation.internal;

/**
 * One fetch of revocation data a validation tried for a certificate of another CA.
 *
 * @param kind OCSP or CRL
 * @param url the URL the certificate names
 * @param outcome FETCHED, CACHED (an earlier answer still before its nextUpdate), REFUSED_SCHEME (not http or https),
 * REFUSED_ADDRESS (a private, loopback, link-local or multicast address not allow-listed), UNKNOWN_HOST,
 * BUDGET_EXHAUSTED (the validation's few fetches were used), TOO_LARGE or FAILED
 * @param detail a short technical detail (English), null if none
 */
public record OnlineCheck(String kind, String url, String outcome, String detail) {

	/** Whether the answer was read (fetched now or earlier). */
	public boolean answered() {
		return "FETCHED".equals(outcome) || "CACHED".equals(outcome);
	}

}
