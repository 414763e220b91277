package fr.paraphe.registration.web;

import java.util.Map;

import fr.paraphe.identity.HomeNotice;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.registration.Registrations;

import org.springframework.stereotype.Component;

/** Leads a person who may sign and has no certificate to "S’enregistrer" from the home page. */
@Component
class RegistrationHomeNotice implements HomeNotice {

	private final Registrations registrations;

	RegistrationHomeNotice(Registrations registrations) {
		this.registrations = registrations;
	}

	@Override
	public Map<String, Object> attributesFor(ParapheUser user) {
		return Map.of("registrationNeeded",
				user.user().isFirmMember() && registrations.needsRegistration(user.user()));
	}

}
