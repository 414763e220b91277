package fr.paraphe.validation.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Logs DSS's, PDFBox's and FontBox's repeated messages once per validated document. A hostile document (a page
 * drawing a deep chain of forms a thousand times, deeply nested objects) makes these libraries log a line per
 * skipped form or object chain, thousands of lines per validation. Within a {@link Scope} (one validation,
 * marked on each of its threads by the MDC key {@value #MDC_KEY}) each distinct message of these libraries is
 * logged once, at most {@value #MAX_DISTINCT} distinct ones; the others are counted and one line at the end
 * says how many were suppressed. Other loggers, the application's own above all, and these libraries outside a
 * validation are never filtered.
 */
final class RepeatedLogs extends TurboFilter {

	/** The MDC key naming the validation a thread works for. */
	static final String MDC_KEY = "validation";

	/** Distinct third-party messages logged per validation; the rest are counted only. */
	static final int MAX_DISTINCT = 20;

	private static final List<String> FILTERED = List.of("eu.europa.esig.", "org.apache.pdfbox.", "org.apache.fontbox.");

	private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(RepeatedLogs.class);

	private static final Map<String, Scope> OPEN = new ConcurrentHashMap<>();

	private static final AtomicLong IDS = new AtomicLong();

	private RepeatedLogs() {
	}

	/**
	 * Opens the scope of one validation, installing the filter in Logback first if it is not there (a logging
	 * re-initialisation, by Spring Boot for instance, drops turbo filters). Without Logback nothing is filtered.
	 */
	static Scope open() {
		install();
		Scope scope = new Scope(Long.toString(IDS.incrementAndGet()));
		OPEN.put(scope.id, scope);
		return scope;
	}

	private static void install() {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		synchronized (RepeatedLogs.class) {
			if (context.getTurboFilterList().stream().noneMatch(RepeatedLogs.class::isInstance)) {
				RepeatedLogs filter = new RepeatedLogs();
				filter.setName("paraphe-repeated-validation-logs");
				filter.setContext(context);
				filter.start();
				context.addTurboFilter(filter);
			}
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable error) {
		if (level == null || !filtered(logger.getName()) || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
			return FilterReply.NEUTRAL;
		}
		String id = MDC.get(MDC_KEY);
		Scope scope = id == null ? null : OPEN.get(id);
		if (scope == null) {
			return FilterReply.NEUTRAL;
		}
		return scope.firstTime(logger.getName() + ' ' + level + ' ' + format, level) ? FilterReply.NEUTRAL
				: FilterReply.DENY;
	}

	private static boolean filtered(String logger) {
		for (String prefix : FILTERED) {
			if (logger.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** One validation: the messages already logged, the count of those suppressed. Closing it logs the count. */
	static final class Scope implements AutoCloseable {

		private final String id;

		private final Set<String> seen = new HashSet<>();

		private int suppressed;

		private Level highestSuppressed = Level.ALL;

		private int bindings;

		private boolean closed;

		private Scope(String id) {
			this.id = id;
		}

		private synchronized boolean firstTime(String message, Level level) {
			if (seen.contains(message) || seen.size() >= MAX_DISTINCT) {
				suppressed++;
				if (level.isGreaterOrEqual(highestSuppressed)) {
					highestSuppressed = level;
				}
				return false;
			}
			seen.add(message);
			return true;
		}

		/** Marks the current thread as working for this validation until the binding is closed. */
		Binding bind() {
			synchronized (this) {
				bindings++;
			}
			String previous = MDC.get(MDC_KEY);
			MDC.put(MDC_KEY, id);
			return () -> {
				restore(previous);
				boolean last;
				synchronized (this) {
					bindings--;
					last = closed && bindings == 0;
				}
				if (last) {
					finish();
				}
			};
		}

		/** Runs {@code work} on the current thread as part of this validation. */
		<T> T call(Supplier<T> work) {
			try (Binding binding = bind()) {
				return work.get();
			}
		}

		/**
		 * Ends the scope once no thread works for it any more (a worker abandoned past the deadline may still run):
		 * then, when messages were suppressed, one line says how many, under the same MDC key.
		 */
		@Override
		public void close() {
			boolean last;
			synchronized (this) {
				closed = true;
				last = bindings == 0;
			}
			if (last) {
				finish();
			}
		}

		private void finish() {
			OPEN.remove(id);
			int count;
			Level level;
			synchronized (this) {
				count = suppressed;
				level = highestSuppressed;
			}
			if (count == 0) {
				return;
			}
			String previous = MDC.get(MDC_KEY);
			MDC.put(MDC_KEY, id);
			try {
				String line = "{} repeated DSS/PDFBox log messages suppressed during validation {}";
				if (level.isGreaterOrEqual(Level.WARN)) {
					LOG.warn(line, count, id);
				}
				else {
					LOG.info(line, count, id);
				}
			}
			finally {
				restore(previous);
			}
		}

		private static void restore(String previous) {
			if (previous == null) {
				MDC.remove(MDC_KEY);
			}
			else {
				MDC.put(MDC_KEY, previous);
			}
		}

	}

	/** Restores the thread's previous validation mark. */
	interface Binding extends AutoCloseable {

		@Override
		void close();

	}

}
