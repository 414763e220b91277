package fr.paraphe.pki;

import java.security.PublicKey;

/**
 * Where the platform's private keys live. Implementations generate key pairs inside themselves and sign
 * digests with them; no method returns, logs or exports a private key.
 * <p>
 * Two implementations: encrypted software keys in the database (AES-256-GCM under a master key), the
 * default; and a PKCS#11 token through Java's SunPKCS11 provider ({@code paraphe.pki.key-store=pkcs11}).
 */
public interface KeyStore {

	/**
	 * Generates a new key pair inside the store. RSA generation takes seconds: do not call it on a request
	 * path. Joins the caller's database transaction when the store is the database.
	 * @return the handle of the new key, never null
	 */
	KeyHandle generate(KeyAlgorithm algorithm);

	/**
	 * The public key of {@code key}.
	 * @throws UnknownKeyException if the store has no such key (destroyed, or never generated here)
	 */
	PublicKey publicKey(KeyHandle key);

	/**
	 * Signs a digest computed by the caller: for EC keys an ECDSA signature DER-encoded as
	 * {@code Ecdsa-Sig-Value} (RFC 5480 §2.2.3 / RFC 3279); for RSA keys an RSASSA-PKCS1-v1_5 signature
	 * over the DigestInfo of {@code digest} (RFC 8017 §9.2).
	 * @param digest exactly {@code digestAlgorithm.length()} bytes
	 * @throws UnknownKeyException if the store has no such key
	 * @throws IllegalArgumentException if the digest has the wrong length
	 */
	byte[] sign(KeyHandle key, DigestAlgorithm digestAlgorithm, byte[] digest);

	/**
	 * Destroys the key: later calls with this handle throw {@link UnknownKeyException}. Destroying an
	 * unknown key does nothing.
	 */
	void destroy(KeyHandle key);

	/** A short name of the store, for the administration page and logs: {@code software} or {@code pkcs11}. */
	String kind();

	/** The store has no key with this handle. */
	final class UnknownKeyException extends RuntimeException {

		public UnknownKeyException(KeyHandle key) {
			super("No key " + key.id() + " in the key store");
		}

	}

}
