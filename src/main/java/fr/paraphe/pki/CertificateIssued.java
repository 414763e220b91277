package fr.paraphe.pki;

import java.util.UUID;
import java.time.Instant;
import java.util.Map;

/**
 * The CA issued an end-entity certificate.
 * @param holder {@code user:<UserId>} or {@code siren:<SIREN>}
 */
public record CertificateIssued(CertificateSerial serial, Authority issuer, CertificateProfile profile, String holder,
		String subject, Instant notAfter, Instant issuedAt, UUID eventId) implements PkiEvent {

	public CertificateIssued(CertificateSerial serial, Authority issuer, CertificateProfile profile, String holder, String subject, Instant notAfter, Instant issuedAt) {
		this(serial, issuer, profile, holder, subject, notAfter, issuedAt, UUID.randomUUID());
	}

	@Override
	public String action() {
		return "pki.certificate.issued";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("serial", serial.toString(), "issuer", issuer.name(), "profile", profile.name(), "holder", holder,
				"subject", subject, "notAfter", notAfter.toString());
	}

}
