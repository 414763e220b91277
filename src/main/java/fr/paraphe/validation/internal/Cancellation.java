package fr.paraphe.validation.internal;

/**
 * Cooperative cancellation of one validation: the worker stops at its deadline instead of finishing in the
 * background. The token of the running validation is reachable from its thread, so that the deep loops the
 * validator does not own (PDFBox reading, DSS's page comparisons) can check it through the wrappers Paraphe gives
 * them ({@link CancellableBuffer}, the document readers DSS compares).
 */
final class Cancellation {

	private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();

	private final long deadlineNanos;

	private volatile boolean cancelled;

	Cancellation(long deadlineNanos) {
		this.deadlineNanos = deadlineNanos;
	}

	void cancel() {
		cancelled = true;
	}

	boolean isCancelled() {
		return cancelled || System.nanoTime() - deadlineNanos > 0;
	}

	/** Throws when this validation is past its deadline or was cancelled. */
	void check() {
		if (isCancelled()) {
			throw new Cancelled();
		}
	}

	/** Checks the validation running on this thread, if any. */
	static void checkCurrent() {
		Cancellation current = CURRENT.get();
		if (current != null) {
			current.check();
		}
	}

	void bind() {
		CURRENT.set(this);
	}

	static void unbind() {
		CURRENT.remove();
	}

	/** The validation ran out of time. */
	static final class Cancelled extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Cancelled() {
			super("the validation passed its deadline", null, false, false);
		}

	}

}
