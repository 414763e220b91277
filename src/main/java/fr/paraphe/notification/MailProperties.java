package fr.paraphe.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code paraphe.mail.*}.
 *
 * @param mode {@code capture}: messages are only recorded and shown in the administrators' mailbox page (the
 * default, so that a newcomer needs no SMTP server); {@code smtp}: they are also sent through the SMTP server
 * of {@code spring.mail.*}
 * @param from the sender, e.g. {@code Paraphe <no-reply@paraphe.example>}
 * @param baseUrl where the links in messages point, e.g. {@code https://paraphe.example}
 */
@ConfigurationProperties("paraphe.mail")
public record MailProperties(@DefaultValue("capture") Mode mode,
		@DefaultValue("Paraphe <no-reply@paraphe.example>") String from,
		@DefaultValue("http://localhost:8080") String baseUrl) {

	public enum Mode {

		CAPTURE, SMTP

	}

}
