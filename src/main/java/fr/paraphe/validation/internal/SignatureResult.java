package fr.paraphe.validation.internal;

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
 * @param errorKeys the keys of DSS's error messages (e.g. BBB_XCV_ISCR_ANS), in the order of {@code errors}
 * @param warningKeys the keys of DSS's warnings
 */
public record SignatureResult(String id, Indication indication, String subIndication, Indication dssIndication,
		Signer signer, Instant signingTime, Instant claimedSigningTime, Instant provenSigningTime, String level, String reason,
		List<CertificateInfo> certificateChain, String trustAnchor, Revocation revocation,
		List<TimestampResult> timestamps, boolean coversWholeDocument, List<Modification> modifications,
		List<String> errors, List<String> warnings, List<String> errorKeys, List<String> warningKeys) {

	public SignatureResult {
		errorKeys = errorKeys == null ? List.of() : List.copyOf(errorKeys);
		warningKeys = warningKeys == null ? List.of() : List.copyOf(warningKeys);
	}

	/** Whether a change that is not permitted was found after this signature. */
	public boolean modifiedAfterSigning() {
		return modifications.stream().anyMatch(modification -> !modification.permitted());
	}

	/**
	 * The signer as the certificate names them.
	 *
	 * @param organisationIdentifier the organisation's identifier (ETSI EN 319 412-1 §5.1.4, e.g. NTRFR-732829320
	 * for a French SIREN), null if none
	 */
	public record Signer(String name, String organisation, String organisationIdentifier) {

		public Signer(String name, String organisation) {
			this(name, organisation, null);
		}

		/** The firm in words: its name, and its SIREN when the identifier carries one. */
		public String firm() {
			String siren = organisationIdentifier != null && organisationIdentifier.matches("NTRFR-\\d{9}")
					? organisationIdentifier.substring(6) : null;
			String spaced = siren == null ? null
					: siren.substring(0, 3) + " " + siren.substring(3, 6) + " " + siren.substring(6);
			if (organisation == null || organisation.isBlank()) {
				return spaced == null ? organisationIdentifier : "SIREN " + spaced;
			}
			return spaced == null ? organisation : organisation + ", SIREN " + spaced;
		}

	}

	/** One certificate of the chain. */
	public record CertificateInfo(String subject, String issuer, String serialNumber, Instant notBefore,
			Instant notAfter, boolean trusted) {
	}

	/**
	 * @param status GOOD, REVOKED, UNKNOWN, or NONE when no revocation data was found: the current status when it
	 * could be checked at validation time ({@code checkedNow}), else the latest data inside the document
	 * @param source e.g. "CRL (CMS_SIGNED_DATA)", "PARAPHE_CA" (the platform's CA, in-process), "OCSP http://…",
	 * null with NONE
	 * @param producedAt when the revocation data was produced
	 * @param checkedNow whether the status was read at validation time (not only the data inside the document)
	 * @param revokedAt when the certificate was revoked, null unless REVOKED
	 * @param reason the RFC 5280 §5.3.1 reason (e.g. KEY_COMPROMISE), null unless revoked with a reason
	 * @param provenBeforeRevocation whether a time-stamp proves the signature existed before the revocation (ETSI
	 * EN 319 102-1 §5.6.2.4: then the signature stays valid), null unless revoked
	 */
	public record Revocation(String status, String source, Instant producedAt, boolean checkedNow, Instant revokedAt,
			String reason, Boolean provenBeforeRevocation) {

		public Revocation(String status, String source, Instant producedAt) {
			this(status, source, producedAt, false, null, null, null);
		}

	}

}
