package fr.paraphe.signing.internal;

import java.util.List;

import fr.paraphe.pades.SigningKey;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;

import org.springframework.stereotype.Component;

/** The engine's view of a certificate the platform's CA issued: its key handle and its chain up to the root. */
@Component
public class SigningKeys {

	private final CertificationAuthority ca;

	SigningKeys(CertificationAuthority ca) {
		this.ca = ca;
	}

	/** The key and chain (the certificate, its issuing CA, the root) of {@code certificate}. */
	public SigningKey of(IssuedCertificate certificate) {
		return new SigningKey(certificate.key(), List.of(certificate.certificate(),
				ca.authority(certificate.issuer()).certificate(), ca.authority(Authority.ROOT).certificate()));
	}

}
