package fr.paraphe.notification.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.notification.MailProperties;
import fr.paraphe.notification.Message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail template in both forms (HTML and plain text), records it, and in SMTP mode sends it after the
 * transaction that recorded it committed.
 */
@Component
public class Mailer {

	private final SpringTemplateEngine templates = new SpringTemplateEngine();

	private final MessageSource messages;

	private final MailProperties properties;

	private final ObjectProvider<JavaMailSender> smtp;

	private final MessageStore store;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Mailer(MessageSource messages, MailProperties properties, ObjectProvider<JavaMailSender> smtp, MessageStore store,
			Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.messages = messages;
		this.properties = properties;
		this.smtp = smtp;
		this.store = store;
		this.clock = clock;
		templates.addTemplateResolver(resolver(".html", TemplateMode.HTML, 1));
		templates.addTemplateResolver(resolver(".txt", TemplateMode.TEXT, 2));
		templates.setTemplateEngineMessageSource(messages);
	}

	private static ClassLoaderTemplateResolver resolver(String suffix, TemplateMode mode, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/mail/");
		resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		return resolver;
	}

	/**
	 * Records the message in the caller's transaction and, in SMTP mode, has it sent once that transaction has
	 * committed ({@link MessageQueued}): a failed delivery never rolls back the caller's work.
	 * @param key null, or what makes this message once only (an event's id with the template and recipient): if a
	 * message with this key was already recorded, nothing is recorded nor sent again
	 * @return the message, or empty if its key was already recorded
	 */
	public Optional<Message> send(String key, String recipient, Locale locale, String template,
			Map<String, Object> variables, Object... subjectArguments) {
		Message message = render(recipient, locale, template, variables, properties.mode() == MailProperties.Mode.SMTP
				? "PENDING" : "CAPTURED", subjectArguments);
		if (!store.insert(message, key)) {
			return Optional.empty();
		}
		if (properties.mode() == MailProperties.Mode.SMTP) {
			events.publishEvent(new MessageQueued(message.id()));
		}
		return Optional.of(message);
	}

	/**
	 * For a message carrying a one-time code {@code secret}: recorded in the caller's transaction (with the code
	 * masked when it is really sent, so that the database never holds it in clear; in capture mode the record is
	 * the delivery and keeps it), then, in SMTP mode, sent synchronously once that transaction has committed.
	 */
	public Message sendSecret(String recipient, Locale locale, String template, Map<String, Object> variables,
			String secret, Object... subjectArguments) {
		boolean send = properties.mode() == MailProperties.Mode.SMTP;
		Message message = render(recipient, locale, template, variables, send ? "SENT" : "CAPTURED", subjectArguments);
		if (send && secret != null && !secret.isEmpty()) {
			store.insert(new Message(message.id(), message.channel(), recipient, message.subject(),
					mask(message.text(), secret), mask(message.html(), secret), template, message.status(),
					message.createdAt()), null);
		}
		else {
			store.insert(message, null);
		}
		if (send) {
			afterCommit(() -> deliver(message));
		}
		return message;
	}

	private Message render(String recipient, Locale locale, String template, Map<String, Object> variables,
			String status, Object... subjectArguments) {
		Map<String, Object> model = new HashMap<>(variables);
		model.put("baseUrl", properties.baseUrl());
		Context context = new Context(locale, model);
		String subject = messages.getMessage("mail." + template + ".subject", subjectArguments, locale);
		String html = templates.process(template + ".html", java.util.Set.of(), context);
		String text = templates.process(template + ".txt", java.util.Set.of(), context);
		return new Message(UUID.randomUUID(), "MAIL", recipient, subject, text, html, template, status,
				clock.instant().truncatedTo(ChronoUnit.MICROS));
	}

	/**
	 * Runs {@code work} once the current transaction has committed (at once without one): what reaches outside
	 * (SMTP, an SMS gateway) never happens for work that then rolls back, nor inside the transaction.
	 */
	public static void afterCommit(Runnable work) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					work.run();
				}
			});
		}
		else {
			work.run();
		}
	}

	/** Sends a recorded e-mail over SMTP. */
	void deliver(Message message) {
		JavaMailSender sender = smtp.getIfAvailable();
		if (sender == null) {
			throw new IllegalStateException("paraphe.mail.mode=smtp needs spring.mail.host");
		}
		try {
			MimeMessage mime = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
			helper.setFrom(properties.from());
			helper.setTo(message.recipient());
			helper.setSubject(message.subject());
			helper.setText(message.text(), message.html());
			sender.send(mime);
		}
		catch (MessagingException e) {
			throw new MailSendException("Could not build the message", e);
		}
	}

	/** Replaces every occurrence of {@code secret} by bullets. */
	public static String mask(String text, String secret) {
		return text == null ? null : text.replace(secret, "•".repeat(secret.length()));
	}

}
