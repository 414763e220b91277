package fr.paraphe.timestamp.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code paraphe.timestamp.*}.
 *
 * @param policyOid the TSA policy put in every token (RFC 3161 §2.4.2 {@code policy}); a query asking
 * another policy is rejected
 * @param accuracy the accuracy claimed in tokens (RFC 3161 §2.4.2 {@code accuracy}), at least 1 ms
 * @param maxQueryBytes a larger query body is refused with HTTP 413
 */
@ConfigurationProperties("paraphe.timestamp")
public record TimestampProperties(@DefaultValue("2.999.1.2") String policyOid, @DefaultValue("1s") Duration accuracy,
		@DefaultValue("16384") int maxQueryBytes) {
}
