package fr.paraphe.registration.web;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.registration.Registrations;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Leads a person who may sign and has no certificate to "S’enregistrer" from the home page (the identity
 * module's pages, named by package so that identity does not depend on this module).
 */
@ControllerAdvice(basePackages = "fr.paraphe.identity.web")
class RegistrationAdvice {

	private final Registrations registrations;

	RegistrationAdvice(Registrations registrations) {
		this.registrations = registrations;
	}

	@ModelAttribute("registrationNeeded")
	boolean registrationNeeded(@AuthenticationPrincipal Object principal) {
		return principal instanceof ParapheUser user && user.user().isFirmMember()
				&& registrations.needsRegistration(user.user());
	}

}
