package fr.paraphe.pades;

/**
 * Answers OCSP requests (RFC 6960) for the certificates issued by the {@link CertificateSource#authorities()
 * authorities}, for the DSS dictionary of PAdES B-LT. EU DSS calls it an {@code OCSPSource}.
 */
@FunctionalInterface
public interface OcspSource {

	/**
	 * Answers a DER {@code OCSPRequest} with a DER {@code OCSPResponse}; a request with a nonce gets a freshly
	 * produced response. A response whose status is not successful makes the engine leave that certificate's
	 * status out.
	 */
	byte[] ocsp(byte[] request);

}
