package fr.paraphe.pki;

import java.time.Instant;
import java.util.Map;

/**
 * A certificate was revoked; the new CRL is already published and OCSP already answers "revoked".
 */
public record CertificateRevoked(CertificateSerial serial, Authority issuer, String holder, RevocationReason reason,
		Instant revokedAt) implements PkiEvent {

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
