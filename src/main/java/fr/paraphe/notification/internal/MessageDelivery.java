package fr.paraphe.notification.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Sends each recorded message after the business transaction that recorded it committed, so that an SMTP or
 * SMS outage never rolls back what the user did: the publication stays incomplete and is resubmitted. A
 * message already sent is not sent again (at least once: only a crash between the SMTP server's answer and
 * the status update sends it twice).
 */
@Component
class MessageDelivery {

	private final Mailer mailer;

	private final MessageStore store;

	MessageDelivery(Mailer mailer, MessageStore store) {
		this.mailer = mailer;
		this.store = store;
	}

	// No transaction: no pooled connection is held while the SMTP server answers.
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(MessageQueued queued) {
		store.find(queued.message()).filter(message -> "PENDING".equals(message.status())).ifPresent(message -> {
			mailer.deliver(message);
			store.markSent(message.id());
		});
	}

}
