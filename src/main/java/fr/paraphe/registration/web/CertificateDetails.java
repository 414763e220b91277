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
 * @param status VALID, REVOKED, EXPIRED or NOT_YET_VALID (a message key suffix)
 */
record CertificateDetails(String serial, String subject, String issuer, Instant notBefore, Instant notAfter,
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
		return new CertificateDetails(issued.serial().hex(), issued.subject(),
				issued.certificate().getIssuerX500Principal().getName(), issued.notBefore(), issued.notAfter(), algorithm,
				size, usages, issued.sha256Fingerprint(), issued.status(now).name(), issued.revokedAt(),
				issued.revocationReason() == null ? null : issued.revocationReason().name());
	}

	boolean valid() {
		return "VALID".equals(status);
	}

}
