package fr.paraphe.validation.internal;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import fr.paraphe.validation.DocumentRejectedException;
import fr.paraphe.validation.DocumentRejectedException.Reason;

/**
 * Runs validations on a fixed number of threads with a bounded queue, each with a deadline: a hostile document
 * costs at most one slot for the timeout, a flood of them is refused (BUSY) instead of piling up. On timeout the
 * worker is interrupted; the comparison checks for it, PDFBox and DSS may not, which is why the slots are few and
 * every structure walk is bounded as well.
 */
final class BoundedExecutor implements AutoCloseable {

	private final ThreadPoolExecutor pool;

	BoundedExecutor(int threads, int queueCapacity) {
		AtomicInteger count = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(Math.max(1, queueCapacity)), runnable -> {
					Thread thread = new Thread(runnable, "paraphe-validation-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.AbortPolicy());
	}

	<T> T run(Callable<T> task, Duration timeout) {
		Future<T> future;
		try {
			future = pool.submit(() -> {
				try {
					return task.call();
				}
				catch (OutOfMemoryError | StackOverflowError ex) {
					// The worker's own allocations are unreachable once it unwinds; the service lives on.
					throw new DocumentRejectedException(Reason.TOO_COMPLEX,
							"the document needs more resources than allowed", ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			throw new DocumentRejectedException(Reason.BUSY, "every validation slot is taken", ex);
		}
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new DocumentRejectedException(Reason.TOO_COMPLEX,
					"the validation did not end within " + timeout.toSeconds() + " s", ex);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new DocumentRejectedException(Reason.BUSY, "interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof DocumentRejectedException rejected) {
				throw rejected;
			}
			throw new DocumentRejectedException(Reason.MALFORMED, "the document could not be analysed", ex.getCause());
		}
	}

	/** How many validations wait for a slot. */
	int waiting() {
		return pool.getQueue().size();
	}

	@Override
	public void close() {
		pool.shutdownNow();
	}

}
