package fr.paraphe.validation.internal;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;

import org.springframework.stereotype.Component;

/**
 * The platform's own root ("Paraphe Root CA"): what the platform signs and seals validates here without any
 * configuration.
 */
@Component
class PlatformTrustAnchors implements TrustAnchorSource {

	private final CertificationAuthority authority;

	PlatformTrustAnchors(CertificationAuthority authority) {
		this.authority = authority;
	}

	@Override
	public Collection<X509Certificate> trustAnchors() {
		return List.of(authority.authority(Authority.ROOT).certificate());
	}

}
