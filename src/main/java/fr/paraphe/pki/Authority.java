package fr.paraphe.pki;

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
	TSA("tsa", "Paraphe Horodatage", false);

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
