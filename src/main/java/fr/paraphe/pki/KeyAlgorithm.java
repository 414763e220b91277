package fr.paraphe.pki;

/**
 * The key pair algorithms the key store generates. ETSI TS 119 312 lists both as recommended.
 */
public enum KeyAlgorithm {

	/** ECDSA on NIST P-256 (secp256r1), signed with SHA-256. */
	EC_P256("EC", "secp256r1", DigestAlgorithm.SHA256),

	/** ECDSA on NIST P-384 (secp384r1), signed with SHA-384. */
	EC_P384("EC", "secp384r1", DigestAlgorithm.SHA384),

	/** RSA with a 3072-bit modulus, PKCS#1 v1.5 signatures with SHA-256. */
	RSA_3072("RSA", "3072", DigestAlgorithm.SHA256);

	private final String family;

	private final String parameter;

	private final DigestAlgorithm defaultDigest;

	KeyAlgorithm(String family, String parameter, DigestAlgorithm defaultDigest) {
		this.family = family;
		this.parameter = parameter;
		this.defaultDigest = defaultDigest;
	}

	/** The JCA key algorithm name: {@code EC} or {@code RSA}. */
	public String family() {
		return family;
	}

	/** The curve name for EC keys, the modulus size in bits for RSA keys. */
	public String parameter() {
		return parameter;
	}

	public boolean isEc() {
		return "EC".equals(family);
	}

	/** The digest this key signs with unless told otherwise. */
	public DigestAlgorithm defaultDigest() {
		return defaultDigest;
	}

	/** The JCA signature algorithm name for this key with {@code digest}, e.g. {@code SHA256withECDSA}. */
	public String signatureAlgorithm(DigestAlgorithm digest) {
		return digest.jcaName().replace("-", "") + "with" + (isEc() ? "ECDSA" : "RSA");
	}

}
