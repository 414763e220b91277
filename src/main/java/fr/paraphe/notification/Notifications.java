package fr.paraphe.notification;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.notification.internal.Mailer;
import fr.paraphe.notification.internal.MessageStore;
import fr.paraphe.notification.internal.SmsGateway;
import fr.paraphe.notification.internal.SmsProperties;

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

	private final SmsGateway sms;

	private final SmsProperties smsProperties;

	private final org.springframework.context.MessageSource messages;

	private final java.time.Clock clock;

	private final fr.paraphe.identity.Users users;

	/** The officers' addresses from the configuration, told even when no officer has logged in yet. */
	private final List<String> officerEmails;

	Notifications(Mailer mailer, MessageStore store, SmsGateway sms, SmsProperties smsProperties,
			org.springframework.context.MessageSource messages, java.time.Clock clock, fr.paraphe.identity.Users users,
			@org.springframework.beans.factory.annotation.Value("${paraphe.registration.officer-emails:}") List<String> officerEmails) {
		this.users = users;
		this.officerEmails = officerEmails.stream().map(String::strip).filter(email -> email.contains("@")).toList();
		this.mailer = mailer;
		this.store = store;
		this.sms = sms;
		this.smsProperties = smsProperties;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * E-mails {@code template} to every user with this role who has an address, each in their language (e.g.
	 * the registration officers, when a request waits for them), once per event: for a listener, which may be
	 * delivered an event more than once. For the registration officers, the addresses of
	 * {@code paraphe.registration.officer-emails} are told too (in French), even before any officer has logged in.
	 * @param eventId the event this answers; a second call with it e-mails no one again
	 * @return how many were recorded for sending now
	 */
	@Transactional
	public int emailRole(UUID eventId, fr.paraphe.identity.Role role, String template, Map<String, Object> variables,
			Object... subjectArguments) {
		int sent = 0;
		java.util.Set<String> told = new java.util.HashSet<>();
		for (fr.paraphe.identity.User user : users.withRole(role)) {
			if (user.email() != null && !user.email().isBlank() && told.add(user.email().toLowerCase(Locale.ROOT))) {
				sent += emailOnce(eventId, user.email(),
						Locale.forLanguageTag(user.language() == null ? "fr" : user.language()), template, variables,
						subjectArguments).isPresent() ? 1 : 0;
			}
		}
		if (role == fr.paraphe.identity.Role.REGISTRATION_OFFICER) {
			for (String email : officerEmails) {
				if (told.add(email.toLowerCase(Locale.ROOT))) {
					sent += emailOnce(eventId, email, Locale.FRENCH, template, variables, subjectArguments).isPresent() ? 1 : 0;
				}
			}
		}
		return sent;
	}

	/**
	 * As {@link #email}, once per event and recipient: for a listener, which may be delivered an event more than
	 * once (at least once).
	 * @return empty if this event already e-mailed this template to this recipient
	 */
	@Transactional
	public Optional<Message> emailOnce(UUID eventId, String recipient, Locale locale, String template,
			Map<String, Object> variables, Object... subjectArguments) {
		String key = eventId + ":" + template + ":" + recipient;
		return mailer.send(key.length() > 200 ? key.substring(0, 200) : key, recipient, locale, template, variables,
				subjectArguments);
	}

	/**
	 * Records an SMS (channel {@code SMS}, template = the message key) in the caller's transaction and, in HTTP
	 * mode, sends it through the {@link SmsGateway} once that transaction has committed.
	 * @param messageKey the text, {@code sms.KEY} in the bundle, with its arguments
	 */
	@Transactional
	public Message sms(String phone, Locale locale, String messageKey, Object... arguments) {
		return smsSecret(phone, locale, messageKey, null, arguments);
	}

	/**
	 * As {@link #sms}, for a message carrying a one-time code {@code secret}: when really sent (HTTP mode), the
	 * recorded copy has it masked.
	 */
	@Transactional
	public Message smsSecret(String phone, Locale locale, String messageKey, String secret, Object... arguments) {
		String text = messages.getMessage("sms." + messageKey, arguments, locale);
		boolean send = smsProperties.mode() == SmsProperties.Mode.HTTP;
		String recorded = send && secret != null && !secret.isEmpty() ? Mailer.mask(text, secret) : text;
		Message message = new Message(UUID.randomUUID(), "SMS", phone, "SMS", recorded, null, messageKey,
				send ? "SENT" : "CAPTURED", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		store.insert(message, null);
		if (send) {
			Mailer.afterCommit(() -> sms.send(phone, text));
		}
		return message;
	}

	/**
	 * Records the e-mail in the caller's transaction and, in SMTP mode, has it sent after that transaction
	 * committed (kept by the event publication registry until sent, resubmitted if the SMTP server fails): an
	 * SMTP outage never rolls back the caller's work. A listener uses {@link #emailOnce} instead.
	 * @param variables the template's model; every value is escaped by the templates
	 * @param subjectArguments the arguments of the subject's message, {@code mail.TEMPLATE.subject}
	 */
	@Transactional
	public Message email(String recipient, Locale locale, String template, Map<String, Object> variables,
			Object... subjectArguments) {
		return mailer.send(null, recipient, locale, template, variables, subjectArguments).orElseThrow();
	}

	/**
	 * For a message carrying a one-time code: recorded in the caller's transaction (when really sent, with the
	 * code masked; in capture mode the record is the delivery and keeps it), then in SMTP mode sent at once after
	 * that transaction committed, in the caller's thread, so that the user waits for the code only as long as
	 * SMTP takes and an SMTP failure reaches them (the code is then unusable: they ask for another).
	 */
	@Transactional
	public Message emailSecret(String recipient, Locale locale, String template, Map<String, Object> variables,
			String secret, Object... subjectArguments) {
		return mailer.sendSecret(recipient, locale, template, variables, secret, subjectArguments);
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

	/**
	 * Forgets the messages sent to an address ("Supprimer mon compte"): their copies, with the person's name and
	 * address, are deleted. A blank address forgets nothing.
	 */
	@Transactional
	public void forget(String recipient) {
		if (recipient != null && !recipient.isBlank()) {
			store.deleteSentTo(recipient.strip());
		}
	}

}
