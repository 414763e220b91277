package fr.paraphe.collection.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Notifications;

import org.springframework.stereotype.Component;

/** E-mails the preparer and the launcher of a collection at each change of its state. Joins the caller's transaction. */
@Component
class CollectionMails {

	private final CollectionStore store;

	private final Users users;

	private final Notifications notifications;

	CollectionMails(CollectionStore store, Users users, Notifications notifications) {
		this.store = store;
		this.users = users;
		this.notifications = notifications;
	}

	/** @param what launched, sentBack, completed, declined, expired, cancelled */
	void stateChanged(UUID collection, String what) {
		CollectionStore.Head head = store.head(collection).orElseThrow();
		Set<String> recipients = new LinkedHashSet<>();
		for (var user : new fr.paraphe.shared.UserId[] { head.preparedBy(), head.launchedBy() }) {
			if (user != null) {
				users.findById(user).map(User::email).filter(email -> !email.isBlank()).ifPresent(recipients::add);
			}
		}
		for (String recipient : recipients) {
			notifications.email(recipient, Locale.FRENCH, "collection-state",
					Map.of("title", head.title(), "what", what, "comment", head.comment() == null ? "" : head.comment(),
							"link", "/collectes/" + collection),
					head.title());
		}
	}

}
