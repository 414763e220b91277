package fr.paraphe.pki;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CA's own certificates, by role. Each has its key in the {@link KeyStore} and its certificate in the
 * database; all are created once, at the first start.
 */
public enum Authority {

	/** "Paraphe Root CA", self-signed; signs the issuing CAs, the TSA certificate and its own CRL. */
	ROOT("root", "Paraphe Root CA", true),

	/** "Paraphe Personnes": issues natural persons' signing certificates (ETSI EN 319 412-2). */
	PERSONNES("personnes", "Paraphe Personnes", true),

	/** "Paraphe Cachets": issues legal persons' seal certificates (ETSI EN 319 412-3). */
	CACHETS("cachets", "Paraphe Cachets", true),

	/** Signs the OCSP responses about certificates of {@link #PERSONNES} (RFC 6960 §4.2.2.2). */
	OCSP_PERSONNES("ocsp-personnes", "Paraphe Personnes OCSP", false),

	/** Signs the OCSP responses about certificates of {@link #CACHETS}. */
	OCSP_CACHETS("ocsp-cachets", "Paraphe Cachets OCSP", false),

	/** The time-stamping unit's certificate (RFC 3161 §2.3), issued by the root. */
	TSA("tsa", "Paraphe Horodatage", false),

	/**
	 * "Paraphe Usage Unique": issues one-time certificates ("certificats à usage unique") to signers without an
	 * account, under its own certificate policy. Added after the others: an existing install creates it at its
	 * next start.
	 */
	USAGE_UNIQUE("usage-unique", "Paraphe Usage Unique", true),

	/** Signs the OCSP responses about certificates of {@link #USAGE_UNIQUE}. */
	OCSP_USAGE_UNIQUE("ocsp-usage-unique", "Paraphe Usage Unique OCSP", false);

	private static final List<Authority> CERTIFICATION_AUTHORITIES = java.util.Arrays.stream(values())
		.filter(Authority::isCertificationAuthority)
		.toList();

	private final String publicName;

	private final String commonName;

	private final boolean certificationAuthority;

	Authority(String publicName, String commonName, boolean certificationAuthority) {
		this.publicName = publicName;
		this.commonName = commonName;
		this.certificationAuthority = certificationAuthority;
	}

	/** The name in publication URLs: {@code /pki/ca/{publicName}.crt}. */
	public String publicName() {
		return publicName;
	}

	public String commonName() {
		return commonName;
	}

	/** Whether it signs certificates and CRLs (root and issuing CAs). */
	public boolean isCertificationAuthority() {
		return certificationAuthority;
	}

	/** The root and the issuing CAs, root first: those that sign certificates and publish a CRL. */
	public static List<Authority> certificationAuthorities() {
		return CERTIFICATION_AUTHORITIES;
	}

	/** The delegated OCSP responder of an issuing CA; empty for the root (it answers itself) and the others. */
	public Optional<Authority> ocspResponder() {
		return switch (this) {
			case PERSONNES -> Optional.of(OCSP_PERSONNES);
			case CACHETS -> Optional.of(OCSP_CACHETS);
			case USAGE_UNIQUE -> Optional.of(OCSP_USAGE_UNIQUE);
			default -> Optional.empty();
		};
	}

	/** Whether this is a delegated OCSP responder (not published under /pki/ca/). */
	public boolean isOcspResponder() {
		return this == OCSP_PERSONNES || this == OCSP_CACHETS || this == OCSP_USAGE_UNIQUE;
	}

	/** The authority with this publication name (case-insensitive), or empty. */
	public static Optional<Authority> fromPublicName(String name) {
		if (name == null) {
			return Optional.empty();
		}
		String lower = name.toLowerCase(Locale.ROOT);
		for (Authority authority : values()) {
			if (authority.publicName.equals(lower)) {
				return Optional.of(authority);
			}
		}
		return Optional.empty();
	}

}
