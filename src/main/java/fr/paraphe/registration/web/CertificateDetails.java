package fr.paraphe.registration.web;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import fr.paraphe.pki.IssuedCertificate;

/**
 * A person's certificate as "Votre compte" shows it.
 *
 * @param holder the holder's name (the subject's common name), as the page says it
 * @param organization the subject's organization (the firm), null if none
 * @param issuerName the issuing authority's name (the issuer's common name)
 * @param subject the subject's X.500 name, for the technical details only
 * @param status VALID, REVOKED, EXPIRED or NOT_YET_VALID (a message key suffix)
 */
record CertificateDetails(String serial, String holder, String organization, String issuerName, String subject,
		String issuer, Instant notBefore, Instant notAfter,
		String keyAlgorithm, int keySize, List<String> keyUsages, String fingerprint, String status,
		Instant revokedAt, String revocationReason) {

	/** RFC 5280 §4.2.1.3, in the order of the KeyUsage bits. */
	private static final String[] KEY_USAGES = { "digitalSignature", "nonRepudiation", "keyEncipherment",
			"dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly" };

	static CertificateDetails of(IssuedCertificate issued, Instant now) {
		List<String> usages = new ArrayList<>();
		boolean[] bits = issued.certificate().getKeyUsage();
		if (bits != null) {
			for (int i = 0; i < bits.length && i < KEY_USAGES.length; i++) {
				if (bits[i]) {
					usages.add(KEY_USAGES[i]);
				}
			}
		}
		PublicKey key = issued.certificate().getPublicKey();
		int size = key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength()
				: key instanceof ECPublicKey ec ? ec.getParams().getCurve().getField().getFieldSize() : 0;
		String algorithm = key instanceof ECPublicKey ? "ECDSA (" + issued.key().algorithm().name() + ")"
				: key.getAlgorithm();
		String issuer = issued.certificate().getIssuerX500Principal().getName();
		String subject = issued.certificate().getSubjectX500Principal().getName();
		return new CertificateDetails(issued.serial().hex(),
				attribute(subject, "CN").orElse(issued.subject()), attribute(subject, "O").orElse(null),
				attribute(issuer, "CN").orElse(issuer), issued.subject(), issuer, issued.notBefore(), issued.notAfter(), algorithm,
				size, usages, issued.sha256Fingerprint(), issued.status(now).name(), issued.revokedAt(),
				issued.revocationReason() == null ? null : issued.revocationReason().name());
	}

	/** One attribute of an RFC 2253 name ({@code CN}, {@code O}); empty if absent or unreadable. */
	static java.util.Optional<String> attribute(String rfc2253, String type) {
		try {
			return new javax.naming.ldap.LdapName(rfc2253).getRdns()
				.stream()
				.filter(rdn -> rdn.getType().equalsIgnoreCase(type))
				.map(rdn -> String.valueOf(rdn.getValue()))
				.reduce((first, second) -> second);
		}
		catch (javax.naming.InvalidNameException | RuntimeException unreadable) {
			return java.util.Optional.empty();
		}
	}

	boolean valid() {
		return "VALID".equals(status);
	}

}
