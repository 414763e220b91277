package fr.paraphe.pki.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key that wraps the software store's private keys, with AES-GCM (NIST SP 800-38D): a random
 * 96-bit IV per wrap, a 128-bit tag, and the key's id and algorithm as additional authenticated data so a
 * wrapped key cannot be moved to another row. {@link #toString()} never shows the key.
 */
public final class MasterKey {

	private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey key;

	private final String id;

	/** Takes the key and wipes {@code raw}: the caller's copy is zeroes afterwards. */
	MasterKey(byte[] raw) {
		if (raw.length != 32) {
			throw new IllegalArgumentException("The PKI master key must be 32 bytes (AES-256), base64-encoded");
		}
		this.key = new SecretKeySpec(raw, "AES");
		this.id = keyId(raw);
		Arrays.fill(raw, (byte) 0);
	}

	/**
	 * The master key from configuration, else (outside production) from {@code file}, created with a random
	 * key on first start.
	 * @throws IllegalStateException in production without a configured key, or for a malformed key
	 */
	static MasterKey resolve(String configured, Path file, boolean production) {
		if (configured != null && !configured.isBlank()) {
			return new MasterKey(decode(configured.trim(), "paraphe.pki.master-key"));
		}
		if (production) {
			throw new IllegalStateException("The prod profile needs a PKI master key: set PARAPHE_PKI_MASTER_KEY "
					+ "(or paraphe.pki.master-key) to the base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
		}
		try {
			if (Files.exists(file)) {
				return new MasterKey(decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString()));
			}
			byte[] raw = new byte[32];
			RANDOM.nextBytes(raw);
			Path parent = file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			Path temporary = Files.createTempFile(parent, "master", ".tmp");
			try {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException notPosix) {
				// Not a POSIX file system: the directory's permissions protect it.
			}
			Files.writeString(temporary, Base64.getEncoder().encodeToString(raw), StandardCharsets.US_ASCII,
					StandardOpenOption.TRUNCATE_EXISTING);
			try {
				// Two nodes sharing ./data starting at once: the first move wins, the other reads its key.
				Files.move(temporary, file);
			}
			catch (java.nio.file.FileAlreadyExistsException lost) {
				Files.deleteIfExists(temporary);
				return new MasterKey(decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString()));
			}
			log.warn("Generated a new PKI master key in {} (development only: production takes it from "
					+ "PARAPHE_PKI_MASTER_KEY)", file.toAbsolutePath());
			return new MasterKey(raw);
		}
		catch (IOException failure) {
			throw new IllegalStateException("Cannot read or create the PKI master key file " + file, failure);
		}
	}

	private static byte[] decode(String base64, String source) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException malformed) {
			throw new IllegalStateException("The PKI master key in " + source + " is not base64");
		}
	}

	private static String keyId(byte[] raw) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update("paraphe-pki-master-key-id".getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(sha256.digest(raw), 0, 8);
		}
		catch (GeneralSecurityException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** A public identifier of this master key (not derived reversibly from it), stored beside each wrapped key. */
	public String id() {
		return id;
	}

	/**
	 * A separate AES-256 key for {@code purpose}: HMAC-SHA256(master key, purpose) (NIST SP 800-108 style
	 * one-block derivation), so data encrypted for one purpose never shares a key with wrapped private keys.
	 */
	MasterKey derive(String purpose) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
			return new MasterKey(mac.doFinal(("paraphe-derived-key:" + purpose).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** IV ‖ ciphertext ‖ tag. */
	byte[] wrap(byte[] plaintext, byte[] associatedData) {
		try {
			byte[] iv = new byte[IV_LENGTH];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(associatedData);
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] out = new byte[IV_LENGTH + sealed.length];
			System.arraycopy(iv, 0, out, 0, IV_LENGTH);
			System.arraycopy(sealed, 0, out, IV_LENGTH, sealed.length);
			return out;
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException("AES-GCM encryption failed", failure);
		}
	}

	/**
	 * @throws IllegalStateException if the tag does not verify: another master key, or altered data
	 */
	byte[] unwrap(byte[] wrapped, byte[] associatedData) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wrapped, 0, IV_LENGTH));
			cipher.updateAAD(associatedData);
			return cipher.doFinal(wrapped, IV_LENGTH, wrapped.length - IV_LENGTH);
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException("A wrapped key does not decrypt under master key " + id
					+ ": wrong master key or altered data");
		}
	}

	@Override
	public String toString() {
		return "MasterKey[" + id + "]";
	}

}
