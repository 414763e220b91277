package fr.paraphe.pki;

import java.util.UUID;
import java.time.Instant;
import java.util.Map;

/**
 * A certificate was revoked; the new CRL is already published and OCSP already answers "revoked".
 */
public record CertificateRevoked(CertificateSerial serial, Authority issuer, String holder, RevocationReason reason,
		Instant revokedAt, UUID eventId) implements PkiEvent {

	public CertificateRevoked(CertificateSerial serial, Authority issuer, String holder, RevocationReason reason, Instant revokedAt) {
		this(serial, issuer, holder, reason, revokedAt, UUID.randomUUID());
	}

	@Override
	public String action() {
		return "pki.certificate.revoked";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("serial", serial.toString(), "issuer", issuer.name(), "holder", holder, "reason", reason.name(),
				"revokedAt", revokedAt.toString());
	}

}
