package fr.paraphe.pki;

/**
 * The CA's revocation data in DER, in-process, for modules that embed it in signed documents (PAdES B-LT,
 * ETSI EN 319 142-1 §5.4.2) without going through HTTP.
 */
public interface RevocationData {

	/**
	 * The latest CRL (RFC 5280) of a certification authority ({@link Authority#ROOT}, {@link Authority#PERSONNES}
	 * or {@link Authority#CACHETS}).
	 * @throws IllegalArgumentException for an authority that publishes no CRL
	 */
	byte[] crl(Authority issuer);

	/**
	 * Answers a DER {@code OCSPRequest} with a DER {@code OCSPResponse}, as {@code POST /pki/ocsp} does
	 * (RFC 6960). A request with a nonce gets a freshly produced response. Never throws, never returns null.
	 */
	byte[] ocsp(byte[] request);

}
