package fr.paraphe.webhook.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code paraphe.webhook.*}.
 *
 * @param requireHttps endpoints must be https (false only in the default, demonstration profile)
 * @param allowList addresses, CIDR networks or host names that endpoints may reach although not public (SSRF
 * guard); empty in production
 * @param timeout connecting to an endpoint and waiting for its answer, each attempt
 * @param secretOverlap after a rotation, how long the previous secret still signs beside the new one
 * @param retryFor how long a delivery is retried before it is given up and its endpoint disabled
 * @param firstRetry the delay before the second attempt, doubled for each later one (with up to 25 % jitter)
 * @param maxRetryDelay the longest delay between two attempts
 * @param workerEnabled whether this node delivers (each node does by default)
 * @param pollInterval how often the worker looks for due deliveries
 * @param batchSize deliveries claimed at once
 * @param threads deliveries posted at once by one node
 * @param lease how long a claimed delivery stays the node's before another node may take it (longer than timeout)
 */
@ConfigurationProperties("paraphe.webhook")
public record WebhookProperties(@DefaultValue("true") boolean requireHttps, @DefaultValue("") List<String> allowList,
		@DefaultValue("5s") Duration timeout, @DefaultValue("24h") Duration secretOverlap,
		@DefaultValue("3d") Duration retryFor, @DefaultValue("5s") Duration firstRetry,
		@DefaultValue("6h") Duration maxRetryDelay, @DefaultValue("true") boolean workerEnabled,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("50") int batchSize, @DefaultValue("4") int threads,
		@DefaultValue("2m") Duration lease) {

	public WebhookProperties {
		allowList = allowList == null ? List.of() : List.copyOf(allowList);
	}

}
