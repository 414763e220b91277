package fr.paraphe.validation;

import java.time.Instant;
import java.util.List;

/**
 * The validation of one signature.
 *
 * @param id DSS's identifier of the signature in this document
 * @param indication Paraphe's strict indication: DSS's, lowered to TOTAL_FAILED (SIG_CONSTRAINTS_FAILURE) when a
 * change after signing that is not permitted was found
 * @param subIndication ETSI EN 319 102-1 sub-indication, null when TOTAL_PASSED
 * @param dssIndication what DSS concluded with the strict policy, before Paraphe's own revision comparison
 * @param signer the signer named by the signing certificate
 * @param signingTime the best signing time known: the proven one if any, else the claimed one (null if neither)
 * @param claimedSigningTime the time the signer claims (/M), null if absent
 * @param provenSigningTime the earliest valid signature time-stamp, null without one
 * @param level the PAdES level, e.g. PAdES-BASELINE-B
 * @param reason the /Reason of the signature dictionary, null if absent
 * @param certificateChain from the signing certificate up to the trust anchor when reached
 * @param trustAnchor the subject of the trusted certificate that ends the chain, null if none
 * @param revocation the signing certificate's revocation status and where it came from
 * @param timestamps the time-stamps on this signature
 * @param coversWholeDocument whether the signed byte range covers the whole file
 * @param modifications what changed after this signature, permitted or not
 * @param errors DSS's error messages (English)
 * @param warnings DSS's warnings (English)
 */
public record SignatureResult(String id, Indication indication, String subIndication, Indication dssIndication,
		Signer signer, Instant signingTime, Instant claimedSigningTime, Instant provenSigningTime, String level, String reason,
		List<CertificateInfo> certificateChain, String trustAnchor, Revocation revocation,
		List<TimestampResult> timestamps, boolean coversWholeDocument, List<Modification> modifications,
		List<String> errors, List<String> warnings) {

	/** Whether a change that is not permitted was found after this signature. */
	public boolean modifiedAfterSigning() {
		return modifications.stream().anyMatch(modification -> !modification.permitted());
	}

	/** The signer as the certificate names them. */
	public record Signer(String name, String organisation) {
	}

	/** One certificate of the chain. */
	public record CertificateInfo(String subject, String issuer, String serialNumber, Instant notBefore,
			Instant notAfter, boolean trusted) {
	}

	/**
	 * @param status GOOD, REVOKED, UNKNOWN, or NONE when no revocation data was found
	 * @param source e.g. "CRL (CMS_SIGNED_DATA)", null with NONE
	 * @param producedAt when the revocation data was produced
	 */
	public record Revocation(String status, String source, Instant producedAt) {
	}

}
