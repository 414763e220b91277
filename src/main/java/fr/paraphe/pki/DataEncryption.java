package fr.paraphe.pki;

/**
 * Encryption at rest of sensitive data that is not a key (identity documents): AES-256-GCM under a key
 * derived from the key store's master key (HMAC-SHA256 of a purpose label, so it is never the key that wraps
 * private keys), a random 96-bit IV per message and a 128-bit tag.
 */
public interface DataEncryption {

	/**
	 * @param context bound to the ciphertext as additional authenticated data (e.g. the row's id), so a
	 * ciphertext cannot be moved to another row
	 * @return IV ‖ ciphertext ‖ tag
	 */
	byte[] encrypt(byte[] plaintext, byte[] context);

	/**
	 * @throws IllegalStateException if the data was altered, moved or encrypted under another master key
	 */
	byte[] decrypt(byte[] ciphertext, byte[] context);

}
