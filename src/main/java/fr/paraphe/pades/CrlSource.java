package fr.paraphe.pades;

import java.util.List;

/**
 * The current CRLs (RFC 5280, DER) of the {@link CertificateSource#authorities() authorities}, for the DSS
 * dictionary of PAdES B-LT. EU DSS calls it a {@code CRLSource}.
 */
@FunctionalInterface
public interface CrlSource {

	/** The latest CRL of each authority that publishes one; never null. */
	List<byte[]> crls();

}
