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

import fr.paraphe.validation.internal.DocumentRejectedException.Reason;

/**
 * Runs validations on a fixed number of threads with a bounded queue, each with a deadline: a hostile document
 * costs at most one slot for the timeout, a flood of them is refused (BUSY) instead of piling up. On timeout the
 * worker's {@link Cancellation} is set and the worker interrupted: PDFBox's reads, DSS's page comparisons and the
 * revision comparison check it, so the work stops rather than finishing in the background; the slots are few and
 * every structure walk is bounded as well.
 */
final class BoundedExecutor implements AutoCloseable {

	private final ThreadPoolExecutor pool;

	/** Tasks that ran to their end although their caller had already been told they took too long. */
	private final AtomicInteger finishedLate = new AtomicInteger();

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
		return run(task, timeout, () -> {
		});
	}

	/**
	 * Runs {@code task} with a deadline of {@code timeout} from now, queue time included. The task's
	 * {@link Cancellation} is bound to the worker thread: past the deadline every check point throws, so the worker
	 * stops instead of finishing in the background. {@code whenDone} runs once, when the task has ended (or will
	 * never start).
	 */
	<T> T run(Callable<T> task, Duration timeout, Runnable whenDone) {
		Cancellation cancellation = new Cancellation(System.nanoTime() + timeout.toNanos());
		java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
		java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
		java.util.concurrent.atomic.AtomicBoolean abandoned = new java.util.concurrent.atomic.AtomicBoolean();
		Runnable once = () -> {
			if (done.compareAndSet(false, true)) {
				whenDone.run();
			}
		};
		Future<T> future;
		try {
			future = pool.submit(() -> {
				started.set(true);
				cancellation.bind();
				try {
					cancellation.check();
					T result = task.call();
					if (abandoned.get()) {
						finishedLate.incrementAndGet();
					}
					return result;
				}
				catch (Cancellation.Cancelled ex) {
					throw new DocumentRejectedException(Reason.TOO_COMPLEX,
							"the validation did not end within " + timeout.toSeconds() + " s", ex);
				}
				catch (OutOfMemoryError | StackOverflowError ex) {
					// The worker's own allocations are unreachable once it unwinds; the service lives on.
					throw new DocumentRejectedException(Reason.TOO_COMPLEX,
							"the document needs more resources than allowed", ex);
				}
				finally {
					Cancellation.unbind();
					once.run();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			once.run();
			throw new DocumentRejectedException(Reason.BUSY, "every validation slot is taken", ex);
		}
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			abandoned.set(true);
			stop(cancellation, future, started, once);
			throw new DocumentRejectedException(Reason.TOO_COMPLEX,
					"the validation did not end within " + timeout.toSeconds() + " s", ex);
		}
		catch (InterruptedException ex) {
			abandoned.set(true);
			stop(cancellation, future, started, once);
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

	private static void stop(Cancellation cancellation, Future<?> future,
			java.util.concurrent.atomic.AtomicBoolean started, Runnable once) {
		cancellation.cancel();
		future.cancel(true);
		if (!started.get()) {
			// Cancelled in the queue: the task will never run, nor its own end.
			once.run();
		}
	}

	/** How many validations are running now. */
	int running() {
		return pool.getActiveCount();
	}

	/** How many validations ran to their end in the background after their deadline (none should). */
	int finishedLate() {
		return finishedLate.get();
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
