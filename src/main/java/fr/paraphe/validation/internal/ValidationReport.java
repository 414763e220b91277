package fr.paraphe.validation.internal;

import java.time.Instant;
import java.util.List;

/**
 * What Paraphe concludes about one PDF.
 *
 * @param documentName the name the document was uploaded with
 * @param sha256 the SHA-256 of the file, hexadecimal
 * @param validationTime when it was validated
 * @param verdict the one verdict on the document
 * @param valid true only if there is at least one signature, every signature is TOTAL_PASSED and nothing that
 * is not permitted changed after any of them
 * @param explanation a short explanation in plain language (French by default) for a non-specialist
 * @param signatures one result per signature, in the order of the file
 * @param documentTimestamps the document time-stamps (PAdES B-LTA)
 * @param policy the name of the validation policy
 * @param onlineChecks the revocation data fetched over HTTP for certificates of other CAs, or refused (an address
 * that is not public, too many fetches...)
 */
public record ValidationReport(String documentName, String sha256, Instant validationTime, Verdict verdict,
		boolean valid, String explanation, List<SignatureResult> signatures, List<TimestampResult> documentTimestamps,
		String policy, List<OnlineCheck> onlineChecks) {

	public ValidationReport {
		onlineChecks = onlineChecks == null ? List.of() : List.copyOf(onlineChecks);
	}

}
