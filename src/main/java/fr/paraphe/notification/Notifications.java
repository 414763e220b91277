package fr.paraphe.notification;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.notification.internal.Mailer;
import fr.paraphe.notification.internal.MessageStore;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends e-mails from templates ({@code templates/mail/NAME.html} and {@code NAME.txt}, subject
 * {@code mail.NAME.subject}) in the recipient's language, and reads back what was sent.
 */
@Service
public class Notifications {

	private final Mailer mailer;

	private final MessageStore store;

	Notifications(Mailer mailer, MessageStore store) {
		this.mailer = mailer;
		this.store = store;
	}

	/**
	 * Records the e-mail and, in SMTP mode, sends it. Runs in the caller's transaction: if sending fails the
	 * record rolls back too, and an event listener's failure leaves its event to be delivered again.
	 * @param variables the template's model; every value is escaped by the templates
	 * @param subjectArguments the arguments of the subject's message, {@code mail.TEMPLATE.subject}
	 */
	@Transactional
	public Message email(String recipient, Locale locale, String template, Map<String, Object> variables,
			Object... subjectArguments) {
		return mailer.send(recipient, locale, template, variables, subjectArguments);
	}

	/** The latest messages, newest first: for platform administrators (the web layer checks). */
	@Transactional(readOnly = true)
	public List<Message> latest(int limit) {
		return store.latest(Math.max(1, Math.min(limit, 500)));
	}

	@Transactional(readOnly = true)
	public Optional<Message> find(UUID id) {
		return store.find(id);
	}

	/** Messages sent to one address, newest first. */
	@Transactional(readOnly = true)
	public List<Message> sentTo(String recipient) {
		return store.sentTo(recipient);
	}

}
