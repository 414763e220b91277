package fr.paraphe.shared;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a scheduled job on one node of the cluster at a time, as ShedLock does with its JDBC provider: the
 * node that moves the job's {@code scheduled_job_lock.locked_until} forward, in one UPDATE that matches only
 * once the previous claim ran out, runs it; the others skip this period. The claim is kept at least
 * {@code atLeast} (so that nodes whose schedules fire a little later skip this period too) and at most
 * {@code atMost} (a node that died while running it frees it then).
 */
@Component
public class ClusterJobs {

	private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

	/** This node, for the table's {@code locked_by}: the JVM's pid@host and a random part. */
	private static final String NODE = ManagementFactory.getRuntimeMXBean().getName() + "/"
			+ UUID.randomUUID().toString().substring(0, 8);

	private final JdbcClient jdbc;

	private final Clock clock;

	ClusterJobs(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The claim that makes a job scheduled every {@code period} on each node run about once per period in the
	 * cluster: nine tenths of the period, so that the other nodes' schedules, whatever their phase, find it held
	 * until the next period is near.
	 */
	public static Duration oncePer(Duration period) {
		return period.minus(period.dividedBy(10));
	}

	/**
	 * Claims {@code job} and runs {@code work} if no node holds it; must be called outside any transaction, so
	 * that the claim commits at once and no connection is held while {@code work} runs.
	 * @return whether this node ran it
	 * @throws IllegalStateException inside a transaction
	 */
	public boolean runOnce(String job, Duration atLeast, Duration atMost, Runnable work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A cluster job is claimed outside any transaction: " + job);
		}
		// Microseconds: what both databases keep, so that the release below finds its own claim.
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("INSERT INTO scheduled_job_lock (name, locked_until, locked_at, locked_by, runs) VALUES (:name, :epoch, :epoch, '', 0) ON CONFLICT DO NOTHING")
			.param("name", job)
			.param("epoch", Timestamp.from(Instant.EPOCH))
			.update();
		boolean claimed = jdbc.sql("UPDATE scheduled_job_lock SET locked_until = :until, locked_at = :now, locked_by = :node, runs = runs + 1 WHERE name = :name AND locked_until <= :now")
			.param("name", job)
			.param("until", Timestamp.from(now.plus(atMost)))
			.param("now", Timestamp.from(now))
			.param("node", NODE)
			.update() == 1;
		if (!claimed) {
			log.debug("Job {} is held by another node; skipped", job);
			return false;
		}
		try {
			work.run();
		}
		finally {
			Instant end = clock.instant();
			Instant earliest = now.plus(atLeast);
			jdbc.sql("UPDATE scheduled_job_lock SET locked_until = :until WHERE name = :name AND locked_by = :node AND locked_at = :at")
				.param("name", job)
				.param("until", Timestamp.from(end.isAfter(earliest) ? end : earliest))
				.param("node", NODE)
				.param("at", Timestamp.from(now))
				.update();
		}
		return true;
	}

}
