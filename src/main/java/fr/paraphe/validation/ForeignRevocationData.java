package fr.paraphe.validation;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Revocation data of another CA's certificate, fetched from the OCSP responder or CRL distribution point the
 * certificate names, with the validator's guards (http and https only, no private, loopback, link-local or
 * multicast address unless allow-listed, timeout, size limit) and its cache: for the signing module, which embeds
 * it when it extends a signature from another CA to B-LT or B-LTA.
 */
public interface ForeignRevocationData {

	/**
	 * @return a DER OCSPResponse (RFC 6960) that answers for {@code certificate}; empty when fetching is off, the
	 * certificate names no responder, or none answered
	 */
	Optional<byte[]> ocsp(X509Certificate certificate, X509Certificate issuer);

	/** @return a DER CRL (RFC 5280) issued by the certificate's issuer; empty when none could be had */
	Optional<byte[]> crl(X509Certificate certificate, X509Certificate issuer);

}
