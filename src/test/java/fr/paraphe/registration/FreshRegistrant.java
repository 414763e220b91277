package fr.paraphe.registration;

import fr.paraphe.identity.User;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.RevocationReason;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A demonstration person as before any registration: none kept, every certificate revoked (tests share one database). */
public final class FreshRegistrant {

	private FreshRegistrant() {
	}

	/** Deletes the person's registrations and revocation requests and revokes their valid certificates. */
	public static void clear(JdbcClient jdbc, CertificationAuthority authority, User user) {
		jdbc.sql("DELETE FROM registration_document WHERE registration_id IN (SELECT id FROM registration WHERE user_id = :u)")
			.param("u", user.id().value())
			.update();
		jdbc.sql("DELETE FROM registration WHERE user_id = :u").param("u", user.id().value()).update();
		jdbc.sql("DELETE FROM revocation_request WHERE user_id = :u").param("u", user.id().value()).update();
		for (IssuedCertificate certificate : authority.certificatesOf(user.id())) {
			if (!certificate.isRevoked()) {
				authority.revoke(certificate.serial(), RevocationReason.SUPERSEDED);
			}
		}
	}

}
