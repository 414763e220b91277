package fr.paraphe.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;

/**
 * The digest algorithms accepted for signatures and time-stamp imprints (SHA-2 only: ETSI TS 119 312 no
 * longer accepts SHA-1 for new signatures).
 */
public enum DigestAlgorithm {

	SHA256("SHA-256", NISTObjectIdentifiers.id_sha256, 32),

	SHA384("SHA-384", NISTObjectIdentifiers.id_sha384, 48),

	SHA512("SHA-512", NISTObjectIdentifiers.id_sha512, 64);

	private final String jcaName;

	private final ASN1ObjectIdentifier oid;

	private final int length;

	DigestAlgorithm(String jcaName, ASN1ObjectIdentifier oid, int length) {
		this.jcaName = jcaName;
		this.oid = oid;
		this.length = length;
	}

	public String jcaName() {
		return jcaName;
	}

	public ASN1ObjectIdentifier oid() {
		return oid;
	}

	/** The digest's length in bytes. */
	public int length() {
		return length;
	}

	/**
	 * A new JDK {@link MessageDigest}: the JDK's SHA-2 uses the CPU's SHA instructions and is about ten
	 * times as fast as Bouncy Castle's here.
	 */
	public MessageDigest newMessageDigest() {
		try {
			return MessageDigest.getInstance(jcaName);
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("Every Java runtime has " + jcaName, impossible);
		}
	}

	/** The algorithm with this OID, or empty for one we do not accept. */
	public static Optional<DigestAlgorithm> fromOid(ASN1ObjectIdentifier oid) {
		for (DigestAlgorithm algorithm : values()) {
			if (algorithm.oid.equals(oid)) {
				return Optional.of(algorithm);
			}
		}
		return Optional.empty();
	}

}
