package fr.paraphe.notification.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code paraphe.sms.*}.
 *
 * @param mode {@code capture} (default): SMS are only recorded, shown in the administrators' mailbox page;
 * {@code http}: also posted to {@code url} as JSON {@code {"to": "+33…", "text": "…", "sender": "…"}} with
 * {@code Authorization: Bearer <token>}
 * @param token the provider's API token, from the environment (PARAPHE_SMS_TOKEN), never the repository
 */
@ConfigurationProperties("paraphe.sms")
public record SmsProperties(@DefaultValue("capture") Mode mode, URI url, String token,
		@DefaultValue("Paraphe") String sender, @DefaultValue("10s") Duration timeout) {

	public enum Mode {

		CAPTURE, HTTP

	}

}
