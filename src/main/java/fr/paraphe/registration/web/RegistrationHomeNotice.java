package fr.paraphe.registration.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.paraphe.identity.HomeNotice;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.identity.Role;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.registration.internal.Registration;
import fr.paraphe.registration.internal.RegistrationStatus;
import fr.paraphe.registration.internal.Registrations;

import org.springframework.stereotype.Component;

/**
 * The home page's word on registration: for a person who may sign, the state of their signing certificate in words
 * ({@code certificateState}: VALID, PENDING, REJECTED or NONE, with its date or reason) and whether "Premiers pas"'
 * registration and officer's approval are done; for a registration officer, how many registrations wait.
 */
@Component
class RegistrationHomeNotice implements HomeNotice {

	private final Registrations registrations;

	RegistrationHomeNotice(Registrations registrations) {
		this.registrations = registrations;
	}

	@Override
	public Map<String, Object> attributesFor(ParapheUser principal) {
		Map<String, Object> model = new HashMap<>();
		if (principal.user().role() == Role.REGISTRATION_OFFICER) {
			model.put("pendingRegistrations", registrations.queue(principal.user()).size());
			return model;
		}
		if (!principal.user().isFirmMember()) {
			return model;
		}
		model.put("registrationNeeded", registrations.needsRegistration(principal.user()));
		if (!registrations.maySign(principal.user())) {
			return model;
		}
		List<Registration> mine = registrations.mine(principal.user().id());
		Optional<IssuedCertificate> certificate = registrations.validCertificate(principal.user().id());
		Optional<Registration> latest = mine.stream().findFirst();
		model.put("registrationSubmitted", !mine.isEmpty() || certificate.isPresent());
		model.put("registrationApproved", certificate.isPresent()
				|| mine.stream().anyMatch(registration -> registration.status() == RegistrationStatus.APPROVED));
		if (certificate.isPresent()) {
			model.put("certificateState", "VALID");
			model.put("certificateUntil", certificate.get().notAfter());
		}
		else if (latest.filter(Registration::isPending).isPresent()) {
			model.put("certificateState", "PENDING");
			model.put("certificateSince", latest.get().submittedAt());
		}
		else if (latest.filter(registration -> registration.status() == RegistrationStatus.REJECTED).isPresent()) {
			model.put("certificateState", "REJECTED");
			model.put("certificateRejection", latest.get().rejectionReason());
		}
		else {
			model.put("certificateState", "NONE");
		}
		return model;
	}

}
