package fr.paraphe.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A certificate the CA issued, with its state. The private key stays in the {@link KeyStore}: {@link #key()}
 * only names it.
 *
 * @param holder {@code user:<UserId>} or {@code siren:<SIREN>} for end entities, null for the CA's own
 * @param subject the subject DN as text, in encoding order ("C=FR,GIVENNAME=…,CN=…")
 * @param revokedAt null unless revoked
 * @param revocationReason null unless revoked
 */
public record IssuedCertificate(CertificateSerial serial, Authority issuer, CertificateProfile profile, String holder,
		String subject, X509Certificate certificate, KeyHandle key, Instant notBefore, Instant notAfter,
		Instant issuedAt, Instant revokedAt, RevocationReason revocationReason) {

	public enum Status {

		VALID, EXPIRED, REVOKED, NOT_YET_VALID

	}

	public Status status(Instant now) {
		if (revokedAt != null) {
			return Status.REVOKED;
		}
		if (now.isAfter(notAfter)) {
			return Status.EXPIRED;
		}
		if (now.isBefore(notBefore)) {
			return Status.NOT_YET_VALID;
		}
		return Status.VALID;
	}

	public boolean isRevoked() {
		return revokedAt != null;
	}

	public Optional<RevocationReason> reason() {
		return Optional.ofNullable(revocationReason);
	}

	/** The DER encoding. */
	public byte[] encoded() {
		try {
			return certificate.getEncoded();
		}
		catch (CertificateEncodingException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** SHA-256 of the DER encoding, upper-case hexadecimal with colons (as browsers show it). */
	public String sha256Fingerprint() {
		byte[] digest = DigestAlgorithm.SHA256.newMessageDigest().digest(encoded());
		return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
	}

	/** The holder value for a user's certificates. */
	public static String holderOf(fr.paraphe.shared.UserId user) {
		return "user:" + user.value();
	}

	/** The holder value for a firm's seal certificates. */
	public static String holderOf(fr.paraphe.shared.Siren siren) {
		return "siren:" + siren.value();
	}


}
