package fr.paraphe.pades;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import fr.paraphe.pki.KeyHandle;

/**
 * A signer's key in the {@code pki} key store and its certificate chain. Holds no key material.
 *
 * @param chain the signer's certificate first, then its issuers up to the root
 */
public record SigningKey(KeyHandle key, List<X509Certificate> chain) {

	public SigningKey {
		Objects.requireNonNull(key, "key");
		chain = List.copyOf(chain);
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("The chain holds at least the signer's certificate");
		}
	}

	public X509Certificate certificate() {
		return chain.get(0);
	}

}
