package fr.paraphe.pki;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate serial number: a positive integer of at most 20 octets (RFC 5280 §4.1.2.2). Ours are 16
 * random bytes (CA/Browser Forum practice: at least 64 bits from a CSPRNG), so serials reveal nothing and
 * never collide in practice.
 */
public record CertificateSerial(BigInteger value) {

	private static final SecureRandom RANDOM = new SecureRandom();

	public CertificateSerial {
		Objects.requireNonNull(value, "value");
		if (value.signum() <= 0 || value.bitLength() > 159) {
			throw new IllegalArgumentException("A serial number is a positive integer of at most 20 octets");
		}
	}

	/** 16 random bytes read as a positive integer. */
	public static CertificateSerial random() {
		byte[] bytes = new byte[16];
		BigInteger value;
		do {
			RANDOM.nextBytes(bytes);
			value = new BigInteger(1, bytes);
		}
		while (value.signum() == 0);
		return new CertificateSerial(value);
	}

	/**
	 * Parses hexadecimal, as openssl and the administration page show it (colons and spaces ignored).
	 * @throws IllegalArgumentException if it is not a valid serial number
	 */
	public static CertificateSerial parse(String hex) {
		if (hex == null) {
			throw new IllegalArgumentException("No serial number");
		}
		String digits = hex.replace(":", "").replace(" ", "").trim();
		if (digits.isEmpty() || digits.length() > 40 || !digits.matches("[0-9A-Fa-f]+")) {
			throw new IllegalArgumentException("A serial number is up to 40 hexadecimal digits");
		}
		return new CertificateSerial(new BigInteger(digits, 16));
	}

	/** Lower-case hexadecimal without leading zeros: the form stored and shown. */
	public String hex() {
		return value.toString(16).toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return hex();
	}

}
