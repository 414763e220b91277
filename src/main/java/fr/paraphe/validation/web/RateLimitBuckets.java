package fr.paraphe.validation.web;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The token buckets of {@link RateLimitFilter}, one row per client address (or firm API key) in the table
 * {@code validation_rate_bucket}, shared by every node.
 */
class RateLimitBuckets extends fr.paraphe.shared.TokenBuckets {

	RateLimitBuckets(JdbcClient jdbc, TransactionOperations transactions, javax.sql.DataSource dataSource) {
		super(jdbc, transactions, "validation_rate_bucket", dataSource);
	}

}
