package fr.paraphe.signing.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code paraphe.signing.*}.
 *
 * @param maxSize the largest PDF accepted for signing or sealing
 * @param defaultLevel the level of a signature or seal when the caller names none
 * @param requestRetention how long the signing page ({@code /signer}) keeps an uploaded, then signed, PDF
 * @param sealDraftRetention how long the seal page ({@code /cachet}) keeps a PDF waiting for the seal's placement
 */
@ConfigurationProperties("paraphe.signing")
public record SigningProperties(@DefaultValue("50MB") DataSize maxSize, @DefaultValue("B_LT") String defaultLevel,
		@DefaultValue("7d") Duration requestRetention, @DefaultValue("1d") Duration sealDraftRetention) {
}
