package fr.paraphe.shared;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Token buckets in the database, one row per client, so that a rate limit holds across every node behind the load
 * balancer: a bucket of {@code capacity} tokens refilled at {@code capacity} per minute. A take is one conditional
 * {@code UPDATE} that refills the bucket and takes a token if there is one, returning what is left, committed at
 * once: the client's row is locked for that statement only (not for a read, a computation and a write), since all
 * of one client's requests take from that one row (issue 12: one firm's API key, eight connections). On PostgreSQL
 * its commit does not wait for the WAL flush: a crash of the database may forget the last tokens taken, which only
 * lets a client a few more requests. Used by the validation endpoints' per-address limit and the API's per-key limit.
 */
public class TokenBuckets {

	/** A bucket untouched this long is full again: its row carries no information and may go. */
	public static final long FORGET_AFTER_MILLIS = 120_000;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final String table;

	private final javax.sql.DataSource dataSource;

	/**
	 * @param table the buckets' table, with the columns {@code client} (primary key), {@code tokens} (double) and
	 * {@code updated_ms} (bigint); a constant of the calling module, never outside input
	 * @param dataSource the database's, to know which it is (see {@link Databases})
	 */
	public TokenBuckets(JdbcClient jdbc, TransactionOperations transactions, String table,
			javax.sql.DataSource dataSource) {
		if (!table.matches("[a-z_]+")) {
			throw new IllegalArgumentException("A table name");
		}
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.table = table;
		this.dataSource = dataSource;
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
				boolean mayRetry = attempt < 2;
				Take take = transactions.execute(status -> takeNow(client, capacity, now, mayRetry));
				if (take != null) {
					return take;
				}
			}
			catch (DuplicateKeyException anotherNodeCreatedIt) {
				if (attempt > 0) {
					throw anotherNodeCreatedIt;
				}
			}
		}
	}

	/** A take, or null to try again (the bucket was refilled between the update and the read that follows it). */
	private Take takeNow(String client, int capacity, long now, boolean mayRetry) {
		String refilled = "LEAST(:capacity, tokens + GREATEST(0, :now - updated_ms) * :capacity / 60000.0)";
		String update = "UPDATE " + table + " SET tokens = " + refilled + " - 1, updated_ms = GREATEST(updated_ms, :now)"
				+ " WHERE client = :client AND " + refilled + " >= 1";
		JdbcClient.StatementSpec take;
		if (Databases.postgres(dataSource)) {
			jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)").query((rs, n) -> n).list();
			take = jdbc.sql(update + " RETURNING tokens");
		}
		else {
			take = jdbc.sql("SELECT tokens FROM FINAL TABLE (" + update + ")");
		}
		Optional<Double> left = take.param("capacity", capacity)
			.param("now", now)
			.param("client", client)
			.query(Double.class)
			.optional();
		if (left.isPresent()) {
			return taken(left.get(), capacity, 0);
		}
		// No token taken: no bucket yet, or an empty one (left as it is: a refill computed later gives the same).
		Optional<Bucket> stored = jdbc.sql("SELECT tokens, updated_ms FROM " + table + " WHERE client = ?")
			.param(client)
			.query((row, number) -> new Bucket(row.getDouble("tokens"), row.getLong("updated_ms")))
			.optional();
		if (stored.isEmpty()) {
			jdbc.sql("INSERT INTO " + table + " (client, tokens, updated_ms) VALUES (?, ?, ?)")
				.params(client, capacity - 1.0, now)
				.update();
			return taken(capacity - 1.0, capacity, 0);
		}
		Bucket bucket = stored.get().refilled(capacity, now);
		if (bucket.tokens >= 1) {
			return mayRetry ? null : taken(bucket.tokens, capacity, 1);
		}
		return taken(bucket.tokens, capacity, (long) Math.ceil((1 - bucket.tokens) * 60_000.0 / capacity));
	}

	private static Take taken(double left, int capacity, long wait) {
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
