package fr.paraphe.signing;

import java.util.Map;

import fr.paraphe.identity.Role;
import fr.paraphe.notification.Notifications;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Tells the registration officers, once a firm's request for its seal is committed, that it waits for them. */
@Component
class SealCheckAlerts {

	private final Notifications notifications;

	SealCheckAlerts(Notifications notifications) {
		this.notifications = notifications;
	}

	@ApplicationModuleListener
	void on(SigningEvents.SealCheckRequested requested) {
		notifications.emailRole(requested.eventId(), Role.REGISTRATION_OFFICER, "review-waiting",
				Map.of("kind", "seal", "name", requested.name(), "path", "/verification/cabinets/" + requested.check()));
	}

}
