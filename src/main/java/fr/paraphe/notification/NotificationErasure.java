package fr.paraphe.notification;

import fr.paraphe.shared.AccountErasure;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** "Supprimer mon compte": the copies of the e-mails sent to the address the SSO gave are deleted. */
@Component
@Order(30)
class NotificationErasure implements AccountErasure {

	private final Notifications notifications;

	NotificationErasure(Notifications notifications) {
		this.notifications = notifications;
	}

	@Override
	public void erase(Erased person) {
		notifications.forget(person.email());
	}

}
