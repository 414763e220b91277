package fr.paraphe.pki;

import java.util.Optional;

/**
 * Why a certificate is revoked: the CRLReason codes of RFC 5280 §5.3.1. {@code certificateHold} and
 * {@code removeFromCRL} are absent: a revocation here is final.
 */
public enum RevocationReason {

	UNSPECIFIED(0), KEY_COMPROMISE(1), CA_COMPROMISE(2), AFFILIATION_CHANGED(3), SUPERSEDED(4),
	CESSATION_OF_OPERATION(5), PRIVILEGE_WITHDRAWN(9);

	private final int code;

	RevocationReason(int code) {
		this.code = code;
	}

	/** The CRLReason value (RFC 5280 §5.3.1). */
	public int code() {
		return code;
	}

	public static Optional<RevocationReason> fromCode(int code) {
		for (RevocationReason reason : values()) {
			if (reason.code == code) {
				return Optional.of(reason);
			}
		}
		return Optional.empty();
	}

}
