package fr.paraphe.timestamp;

import fr.paraphe.pki.DigestAlgorithm;

/**
 * The platform's RFC 3161 time-stamping authority.
 */
public interface TimeStampAuthority {

	/**
	 * Answers a DER {@code TimeStampReq} with a DER {@code TimeStampResp}: granted with a token, or a
	 * rejection with its PKIFailureInfo (badAlg for a digest other than SHA-256/384/512, badDataFormat for
	 * a malformed query or an imprint of the wrong length, unacceptedPolicy, unacceptedExtension). Never
	 * throws, never returns null.
	 */
	byte[] respond(byte[] query);

	/**
	 * A DER {@code TimeStampToken} over {@code imprint}, with the TSA certificate included, for a
	 * signature's time-stamp (PAdES B-T).
	 * @throws IllegalArgumentException if the imprint's length does not fit the algorithm
	 */
	byte[] timeStamp(DigestAlgorithm algorithm, byte[] imprint);

}
