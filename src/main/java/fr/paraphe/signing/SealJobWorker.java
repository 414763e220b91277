package fr.paraphe.signing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the bulk sealing jobs' documents on this node, as every node does: {@code paraphe.signing.seal-jobs.workers}
 * threads (the number of processors by default; 0 turns the node's worker off), woken every
 * {@code paraphe.signing.seal-jobs.poll} and when a job is submitted here; each claims batches until none is left
 * (see {@link SealJobs} for why no document is sealed or charged twice). Stopping the node interrupts them: what
 * they had claimed and not recorded goes back when its lease expires.
 */
@Component
class SealJobWorker implements org.springframework.beans.factory.DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SealJobWorker.class);

	private final SealJobs jobs;

	private final int threads;

	private final ExecutorService executor;

	private final AtomicInteger running = new AtomicInteger();

	private volatile boolean stopping;

	SealJobWorker(SealJobs jobs, @Value("${paraphe.signing.seal-jobs.workers:-1}") int workers) {
		this.jobs = jobs;
		this.threads = workers < 0 ? Runtime.getRuntime().availableProcessors() : workers;
		AtomicInteger number = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(Math.max(1, threads), work -> {
			Thread thread = new Thread(work, "seal-job-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		jobs.onSubmit(this::wake);
	}

	/** Starts the idle threads; each works until nothing is left to claim. */
	void wake() {
		while (!stopping) {
			int now = running.get();
			if (now >= threads) {
				return;
			}
			if (running.compareAndSet(now, now + 1)) {
				try {
					executor.execute(this::drain);
				}
				catch (java.util.concurrent.RejectedExecutionException stopped) {
					running.decrementAndGet();
					return;
				}
			}
		}
	}

	private void drain() {
		try {
			while (!stopping && !Thread.currentThread().isInterrupted() && jobs.work() > 0) {
				// the next batch
			}
		}
		catch (RuntimeException failure) {
			if (!stopping) {
				log.warn("A seal job worker stopped on an error; the next poll starts it again", failure);
			}
		}
		finally {
			running.decrementAndGet();
		}
	}

	@Scheduled(initialDelayString = "${paraphe.signing.seal-jobs.poll:PT1S}", fixedDelayString = "${paraphe.signing.seal-jobs.poll:PT1S}")
	void poll() {
		if (stopping || threads == 0) {
			return;
		}
		try {
			jobs.finishLeftOver();
		}
		catch (RuntimeException failure) {
			log.warn("Finishing seal jobs failed; the next poll retries", failure);
		}
		wake();
	}

	/** The node stops: no new claim from now on, before the other beans (the connections) go away. */
	@org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
	void stopping() {
		stopping = true;
		executor.shutdownNow();
	}

	@Override
	public void destroy() throws InterruptedException {
		stopping = true;
		executor.shutdownNow();
		executor.awaitTermination(10, TimeUnit.SECONDS);
	}

}
