package fr.paraphe.pades;

import fr.paraphe.pki.DigestAlgorithm;

/**
 * Where the engine gets RFC 3161 time-stamp tokens: the signature time-stamp of B-T (ETSI EN 319 142-1 §5.3) and
 * document time-stamps (§5.4.3). EU DSS calls it a {@code TSPSource}.
 */
@FunctionalInterface
public interface TspSource {

	/**
	 * A DER {@code TimeStampToken} over {@code digest}, carrying the time-stamping unit's certificate.
	 * @throws RuntimeException if no token can be had: the signature fails, nothing is written
	 */
	byte[] timeStamp(DigestAlgorithm algorithm, byte[] digest);

}
