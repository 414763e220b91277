package fr.paraphe.registration.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code paraphe.registration.*}.
 *
 * @param documentRetention how long identity documents are kept after the decision (then deleted, the
 * decision staying)
 */
@ConfigurationProperties("paraphe.registration")
public record RegistrationProperties(@DefaultValue("30d") Duration documentRetention) {
}
