package fr.paraphe.pki;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a time-stamping authority signs with: the TSA key (in the {@link KeyStore}) and its certificate
 * (critical extendedKeyUsage id-kp-timeStamping, RFC 3161 §2.3) with the chain up to the root.
 *
 * @param chain the TSA certificate first, the root last
 */
public record TimeStampingUnit(KeyHandle key, X509Certificate certificate, List<X509Certificate> chain) {

	public TimeStampingUnit {
		chain = List.copyOf(chain);
	}

}
