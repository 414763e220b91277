package fr.paraphe.signing.internal;

import java.time.Clock;

import fr.paraphe.shared.TokenBuckets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The API's per-key rate limit: one token bucket per firm API key in {@code signing_api_rate_bucket}, shared by
 * every node (as the validation endpoints' per-address limit).
 */
@Component
public class ApiRateBuckets extends TokenBuckets {

	private final Clock clock;

	ApiRateBuckets(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, javax.sql.DataSource dataSource) {
		super(jdbc, transactions, "signing_api_rate_bucket", dataSource);
		this.clock = clock;
	}

	/** Takes a token from the key's bucket now. */
	public Take take(String key, int perMinute) {
		return takeToken(key, perMinute, clock.millis());
	}

	/** Forgets full buckets every minute. Idempotent: every node may run it. */
	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void forgetFullBuckets() {
		forgetFull(clock.millis());
	}

}
