package fr.paraphe.shared;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Token buckets in the database, one row per client, so that a rate limit holds across every node behind the load
 * balancer: a bucket of {@code capacity} tokens refilled at {@code capacity} per minute. A take locks the client's
 * row for its short transaction. Used by the validation endpoints' per-address limit and the API's per-key limit.
 */
public class TokenBuckets {

	/** A bucket untouched this long is full again: its row carries no information and may go. */
	public static final long FORGET_AFTER_MILLIS = 120_000;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final String table;

	/**
	 * @param table the buckets' table, with the columns {@code client} (primary key), {@code tokens} (double) and
	 * {@code updated_ms} (bigint); a constant of the calling module, never outside input
	 */
	public TokenBuckets(JdbcClient jdbc, TransactionOperations transactions, String table) {
		if (!table.matches("[a-z_]+")) {
			throw new IllegalArgumentException("A table name");
		}
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.table = table;
	}

	/**
	 * Takes a token from {@code client}'s bucket of {@code capacity} tokens refilled at {@code capacity} per
	 * minute: 0 if there was one, else how many milliseconds until there will be.
	 */
	public long take(String client, int capacity, long now) {
		return takeToken(client, capacity, now).waitMillis();
	}

	/**
	 * What a take left: how long to wait (0 when a token was taken), how many tokens remain, and how long until
	 * the bucket is full again.
	 */
	public record Take(long waitMillis, int remaining, long fullInMillis) {
	}

	public Take takeToken(String client, int capacity, long now) {
		for (int attempt = 0;; attempt++) {
			try {
				Take take = transactions.execute(status -> takeLocked(client, capacity, now));
				return take == null ? new Take(0, capacity - 1, 0) : take;
			}
			catch (DuplicateKeyException anotherNodeCreatedIt) {
				if (attempt > 0) {
					throw anotherNodeCreatedIt;
				}
			}
		}
	}

	private Take takeLocked(String client, int capacity, long now) {
		Optional<Bucket> stored = jdbc.sql("SELECT tokens, updated_ms FROM " + table + " WHERE client = ? FOR UPDATE")
			.param(client)
			.query((row, number) -> new Bucket(row.getDouble("tokens"), row.getLong("updated_ms")))
			.optional();
		Bucket bucket = stored.orElseGet(() -> new Bucket(capacity, now)).refilled(capacity, now);
		long wait = bucket.tokens >= 1 ? 0 : (long) Math.ceil((1 - bucket.tokens) * 60_000.0 / capacity);
		double left = wait == 0 ? bucket.tokens - 1 : bucket.tokens;
		if (stored.isPresent()) {
			jdbc.sql("UPDATE " + table + " SET tokens = ?, updated_ms = ? WHERE client = ?")
				.params(left, bucket.updated, client)
				.update();
		}
		else {
			jdbc.sql("INSERT INTO " + table + " (client, tokens, updated_ms) VALUES (?, ?, ?)")
				.params(client, left, bucket.updated)
				.update();
		}
		return new Take(wait, (int) Math.floor(left), (long) Math.ceil((capacity - left) * 60_000.0 / capacity));
	}

	/** Forgets the buckets that are full again. Idempotent: every node may run it. */
	public int forgetFull(long now) {
		return jdbc.sql("DELETE FROM " + table + " WHERE updated_ms < ?").param(now - FORGET_AFTER_MILLIS).update();
	}

	private record Bucket(double tokens, long updated) {

		Bucket refilled(int capacity, long now) {
			if (now <= updated) {
				return this;
			}
			return new Bucket(Math.min(capacity, tokens + (now - updated) * capacity / 60_000.0), now);
		}

	}

}
