package fr.paraphe.webhook;

import java.util.Locale;
import java.util.Map;

import fr.paraphe.firm.Firms;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Notifications;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Tells the firm's owners, by e-mail, that an endpoint was disabled; once per event and owner. */
@Component
class DisabledEndpointNotice {

	private final Firms firms;

	private final Users users;

	private final Notifications notifications;

	DisabledEndpointNotice(Firms firms, Users users, Notifications notifications) {
		this.firms = firms;
		this.users = users;
		this.notifications = notifications;
	}

	@ApplicationModuleListener
	void on(EndpointDisabled disabled) {
		String firmName = firms.nameOf(disabled.firm());
		for (var ownerId : firms.ownersOf(disabled.firm())) {
			users.findById(ownerId).filter(owner -> owner.email() != null).ifPresent((User owner) -> notifications
				.emailOnce(disabled.eventId(), owner.email(), Locale.forLanguageTag(owner.language()), "webhook-disabled",
						Map.of("firmName", firmName, "url", disabled.url(), "endpoint", disabled.endpoint().toString()),
						firmName));
		}
	}

}
