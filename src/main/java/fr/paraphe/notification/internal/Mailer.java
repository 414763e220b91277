package fr.paraphe.notification.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.notification.MailProperties;
import fr.paraphe.notification.Message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail template in both forms (HTML and plain text), records it, and in SMTP mode sends it.
 */
@Component
public class Mailer {

	private final SpringTemplateEngine templates = new SpringTemplateEngine();

	private final MessageSource messages;

	private final MailProperties properties;

	private final ObjectProvider<JavaMailSender> smtp;

	private final MessageStore store;

	private final Clock clock;

	Mailer(MessageSource messages, MailProperties properties, ObjectProvider<JavaMailSender> smtp, MessageStore store,
			Clock clock) {
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

	public Message send(String recipient, Locale locale, String template, Map<String, Object> variables,
			Object... subjectArguments) {
		return send(recipient, locale, template, variables, null, subjectArguments);
	}

	/**
	 * As {@link #send(String, Locale, String, Map, Object...)}; when the message is really sent, the recorded
	 * copy has {@code secret} (a one-time code) masked, so the database never holds it in clear. In capture
	 * mode the record is the delivery and keeps it.
	 */
	public Message send(String recipient, Locale locale, String template, Map<String, Object> variables, String secret,
			Object... subjectArguments) {
		Map<String, Object> model = new HashMap<>(variables);
		model.put("baseUrl", properties.baseUrl());
		Context context = new Context(locale, model);
		String subject = messages.getMessage("mail." + template + ".subject", subjectArguments, locale);
		String html = templates.process(template + ".html", java.util.Set.of(), context);
		String text = templates.process(template + ".txt", java.util.Set.of(), context);
		boolean send = properties.mode() == MailProperties.Mode.SMTP;
		Message message = new Message(UUID.randomUUID(), "MAIL", recipient, subject, text, html, template,
				send ? "SENT" : "CAPTURED", clock.instant().truncatedTo(ChronoUnit.MICROS));
		if (send && secret != null && !secret.isEmpty()) {
			store.insert(new Message(message.id(), message.channel(), recipient, subject, mask(text, secret),
					mask(html, secret), template, message.status(), message.createdAt()));
		}
		else {
			store.insert(message);
		}
		if (send) {
			deliver(message);
		}
		return message;
	}

	private void deliver(Message message) {
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
