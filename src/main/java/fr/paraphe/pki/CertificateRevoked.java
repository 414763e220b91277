package fr.paraphe.pki;

import java.time.Instant;

/**
 * A certificate was revoked; the new CRL is already published and OCSP already answers "revoked".
 */
public record CertificateRevoked(CertificateSerial serial, Authority issuer, String holder, RevocationReason reason,
		Instant revokedAt) {
}
