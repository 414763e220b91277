package fr.paraphe.pades;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificates the engine puts in a DSS dictionary (PAdES B-LT, ETSI EN 319 142-1 §5.4.2) beside those found in
 * the document's signatures and time-stamps. EU DSS calls it a {@code CertificateSource}.
 */
public interface CertificateSource {

	/**
	 * The certification authorities whose certificates go in the DSS dictionary and in every VRI entry, the root
	 * first. For a certificate in a signature issued by one of them other than a self-signed root, the engine asks
	 * the {@link OcspSource} for its status; the {@link CrlSource} gives their CRLs.
	 */
	List<X509Certificate> authorities();

	/** Further certificates for the DSS dictionary only (a time-stamping unit's); none by default. */
	default List<X509Certificate> others() {
		return List.of();
	}

}
