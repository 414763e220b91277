package fr.paraphe.system.internal;

import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a lost database connection from the request's fault or a bug, for the error page and for the container's
 * own error report (which answers when the error page itself could not run).
 */
public final class LostDatabase {

	private LostDatabase() {
	}

	/**
	 * Whether the error comes from a lost or refused database connection rather than from the request or a bug:
	 * Spring's transient and resource-failure exceptions, the JDBC transient and recoverable ones, and SQL states
	 * of class 08 (connection exception) or 57P (PostgreSQL's operator intervention: a terminated backend, a
	 * shutdown), anywhere in the chain of causes.
	 * <p>
	 * A transaction whose statement lost its connection then fails to roll back: HikariCP has already replaced the
	 * broken connection by a closed one, whose {@code rollback()} throws a bare "Connection is closed" (no SQL state),
	 * and Spring throws that {@link TransactionSystemException} with the statement's failure kept aside as its
	 * application exception, not as its cause. That failure is what the request met, so it decides (the chaos run's
	 * 500s: API keys, rate limits, sessions found or saved, a page's session saved while Thymeleaf flushed it): a
	 * rollback that failed after a bug (a {@link NullPointerException}) stays a 500. When the commit itself lost the
	 * connection, Spring throws the rollback's failure with nothing aside: a commit or rollback that failed with an
	 * SQL exception without SQL state is that closed connection.
	 */
	public static boolean isCause(Throwable error) {
		return lostDatabase(error, 0);
	}

	private static boolean lostDatabase(Throwable error, int depth) {
		for (Throwable cause = error; cause != null && depth < 32; cause = cause.getCause() == cause ? null : cause.getCause(), depth++) {
			if (cause instanceof org.springframework.dao.TransientDataAccessResourceException
					|| cause instanceof org.springframework.dao.DataAccessResourceFailureException
					|| cause instanceof org.springframework.transaction.CannotCreateTransactionException
					|| cause instanceof java.sql.SQLTransientConnectionException
					|| cause instanceof java.sql.SQLNonTransientConnectionException
					|| cause instanceof java.sql.SQLRecoverableException) {
				return true;
			}
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
			if (cause instanceof TransactionSystemException failed) {
				if (failed.getApplicationException() != null) {
					// What the transaction met first decides: a bug (a NullPointerException) stays a 500.
					return lostDatabase(failed.getApplicationException(), depth + 1);
				}
				if (failed.getCause() instanceof java.sql.SQLException closed && closed.getSQLState() == null) {
					// A commit that failed (already translated: a lost connection) and whose rollback then failed:
					// Spring throws the rollback's failure alone. A JDBC commit or rollback fails with no SQL state
					// only on a connection HikariCP closed after a connection error.
					return true;
				}
			}
		}
		return false;
	}

}
