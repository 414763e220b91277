package fr.paraphe.registration;

import java.util.Map;

import fr.paraphe.identity.Role;
import fr.paraphe.notification.Notifications;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the registration officers, once a registration is committed, that it waits for their review. The e-mail
 * names no one: the identity stays behind the officers' login.
 */
@Component
class ReviewAlerts {

	private final Notifications notifications;

	ReviewAlerts(Notifications notifications) {
		this.notifications = notifications;
	}

	@ApplicationModuleListener
	void on(RegistrationEvents.RegistrationSubmitted submitted) {
		notifications.emailRole(submitted.eventId(), Role.REGISTRATION_OFFICER, "review-waiting",
				Map.of("kind", "registration", "name", "", "path", "/verification/" + submitted.registration()));
	}

}
