package fr.paraphe.registration.internal;

import java.util.List;

import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.shared.AccountErasure;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * "Supprimer mon compte" in registration: the person's certificates still in force are revoked (cessation of
 * operation: OCSP and the CRL say so at once), the messages sent to the addresses they declared are forgotten, and
 * their registrations (declared identity, identity documents) and revocation requests are deleted.
 */
@Component
@Order(10)
class RegistrationErasure implements AccountErasure {

	private final RegistrationStore registrations;

	private final CertificationAuthority authority;

	private final Notifications notifications;

	RegistrationErasure(RegistrationStore registrations, CertificationAuthority authority,
			Notifications notifications) {
		this.registrations = registrations;
		this.authority = authority;
		this.notifications = notifications;
	}

	@Override
	public void erase(Erased person) {
		for (IssuedCertificate certificate : authority.certificatesOf(person.user())) {
			if (!certificate.isRevoked()) {
				authority.revoke(certificate.serial(), RevocationReason.CESSATION_OF_OPERATION);
			}
		}
		List<Registration> declared = registrations.ofUser(person.user());
		for (Registration registration : declared) {
			notifications.forget(registration.identity().email());
			notifications.forget(registration.identity().mobile());
		}
		registrations.erase(person.user());
	}

}
