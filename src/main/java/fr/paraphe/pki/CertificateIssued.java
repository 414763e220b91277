package fr.paraphe.pki;

import java.time.Instant;

/**
 * The CA issued an end-entity certificate.
 * @param holder {@code user:<UserId>} or {@code siren:<SIREN>}
 */
public record CertificateIssued(CertificateSerial serial, Authority issuer, CertificateProfile profile, String holder,
		String subject, Instant notAfter, Instant issuedAt) {
}
