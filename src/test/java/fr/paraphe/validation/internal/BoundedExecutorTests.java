package fr.paraphe.validation.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import fr.paraphe.validation.internal.DocumentRejectedException.Reason;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A validation past its deadline is refused to its caller and its worker stops at its next check point instead of
 * finishing the work in the background: the slot is free again. No timing is asserted: the work here would run for a
 * minute if nothing stopped it, and what is checked is how it ended.
 */
class BoundedExecutorTests {

	@Test
	void aTaskPastItsDeadlineIsStoppedNotFinishedInTheBackground() {
		AtomicBoolean stoppedAtACheckPoint = new AtomicBoolean();
		try (BoundedExecutor executor = new BoundedExecutor(1, 1)) {
			assertThatThrownBy(() -> executor.run(() -> {
				long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
				try {
					while (System.nanoTime() < end) {
						// Work between check points, as PDFBox's reads and DSS's comparisons do.
						Cancellation.checkCurrent();
						Thread.onSpinWait();
					}
				}
				catch (Cancellation.Cancelled stopped) {
					stoppedAtACheckPoint.set(true);
					throw stopped;
				}
				return "finished";
			}, Duration.ofMillis(50)))
				.isInstanceOfSatisfying(DocumentRejectedException.class,
						refused -> assertThat(refused.reason()).isEqualTo(Reason.TOO_COMPLEX));
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> executor.running() == 0);
			assertThat(stoppedAtACheckPoint).isTrue();
			assertThat(executor.finishedLate()).isZero();
		}
	}

	@Test
	void aTaskThatEndsAfterItsCallerGaveUpIsCounted() {
		try (BoundedExecutor executor = new BoundedExecutor(1, 1)) {
			assertThatThrownBy(() -> executor.run(() -> {
				// No check point: nothing can stop it, so it ends after its caller was refused.
				long end = System.nanoTime() + Duration.ofMillis(500).toNanos();
				while (System.nanoTime() < end) {
					Thread.onSpinWait();
				}
				return "finished";
			}, Duration.ofMillis(50))).isInstanceOf(DocumentRejectedException.class);
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> executor.finishedLate() == 1);
		}
	}

}
