package fr.paraphe.pades;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The revocation data of certificates from other CAs than the {@link CertificateSource#authorities() authorities},
 * for the DSS dictionary of PAdES B-LT when a signature from another CA is extended. The engine does not fetch
 * anything itself: whoever creates it says where such data comes from (the validator's guarded fetching).
 */
public interface OtherCaSource {

	/** None: other CAs' certificates are listed without revocation data. */
	OtherCaSource NONE = new OtherCaSource() {

		@Override
		public Optional<byte[]> ocsp(X509Certificate certificate, X509Certificate issuer) {
			return Optional.empty();
		}

		@Override
		public Optional<byte[]> crl(X509Certificate certificate, X509Certificate issuer) {
			return Optional.empty();
		}

	};

	/** A DER OCSPResponse (RFC 6960) for {@code certificate}, or empty. */
	Optional<byte[]> ocsp(X509Certificate certificate, X509Certificate issuer);

	/** A DER CRL (RFC 5280) of {@code issuer} covering {@code certificate}, or empty. */
	Optional<byte[]> crl(X509Certificate certificate, X509Certificate issuer);

}
