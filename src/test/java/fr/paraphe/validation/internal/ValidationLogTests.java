package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.paraphe.validation.RawPdf;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Deeply nested documents must not flood the log: DSS and PDFBox log a line per skipped form, chain or object,
 * so one hostile document could write thousands of WARN/ERROR lines per validation. Each case counts the
 * WARN/ERROR lines of one validation, with the levels the application runs with (no level set for DSS or
 * PDFBox: Spring Boot's INFO), not the silenced levels of the other validation tests.
 */
@Timeout(120)
class ValidationLogTests {

	static final TestPki PKI = new TestPki("Racine journal");

	static final TestPki.Credentials SIGNER = PKI.issue("Claire Martin", "Cabinet Martin");

	static final DefaultPdfValidator VALIDATOR = Validators.trusting(PKI.root());

	/** At most this many WARN/ERROR lines for one document. */
	static final int MAX_LINES = 5;

	static final String[] THIRD_PARTY = { "eu.europa.esig", "org.apache.pdfbox", "org.apache.fontbox" };

	@AfterAll
	static void close() {
		VALIDATOR.close();
	}

	@Test
	void aPageDrawingADeepFormChainAThousandTimesLogsAFewLines() {
		// Reproduces the report: each "/X Do" of the page reaches PDFBox's recursion limit in the 300-deep chain and
		// PDFBox logs "recursion is too deep, skipping form XObject" for each, at each rendering DSS makes.
		byte[] pdf = formChain(300, 1000, true);
		List<ILoggingEvent> lines = warningsOf(pdf);
		assertThat(lines).as(describe(lines)).hasSizeLessThanOrEqualTo(MAX_LINES);
	}

	@Test
	void otherDeepNestingsLogAFewLinesEach() {
		for (int depth : new int[] { 1000, 5000 }) {
			int level = depth;
			assertFewLines("array in a page's resources " + depth, () -> Attacks.appendUpdate(signed(),
					"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Deep "
							+ deepArray(level) + " >> >>\nendobj\n"));
			assertFewLines("dictionary as a page's resources " + depth, () -> Attacks.appendUpdate(signed(),
					"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
							+ deepDictionary(level) + " >>\nendobj\n"));
			assertFewLines("annotation " + depth, () -> {
				byte[] signed = signed();
				int annotation = Attacks.nextObjectNumber(signed);
				return Attacks.appendUpdate(signed, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
						+ "/Contents 4 0 R /Annots [" + annotation + " 0 R] >>\nendobj\n" + annotation
						+ " 0 obj\n<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Deep " + deepArray(level) + " /Deeper "
						+ deepDictionary(level) + " >>\nendobj\n");
			});
			assertFewLines("DSS dictionary " + depth, () -> {
				byte[] signed = signed();
				int dss = Attacks.nextObjectNumber(signed);
				String catalog = Attacks.objectBody(signed, 1);
				return Attacks.appendUpdate(signed, "1 0 obj\n" + catalog.substring(0, catalog.lastIndexOf(">>")) + " /DSS "
						+ dss + " 0 R >>\nendobj\n" + dss + " 0 obj\n<< /Type /DSS /Certs " + deepArray(level) + " /VRI "
						+ deepDictionary(level) + " /CRLs [" + deepArray(level) + "] >>\nendobj\n");
			});
			assertFewLines("signature dictionary " + depth, () -> {
				byte[] signed = signed();
				int signature = signatureObject(signed);
				String body = Attacks.objectBody(signed, signature);
				return Attacks.appendUpdate(signed, signature + " 0 obj\n" + body.substring(0, body.lastIndexOf(">>"))
						+ " /Prop_Build " + deepDictionary(level) + " /Deep " + deepArray(level) + " >>\nendobj\n");
			});
			assertFewLines("resources before signing " + depth,
					() -> TestSigner.sign(onePage("/Resources << /Deep " + deepArray(level) + " /Deeper "
							+ deepDictionary(level) + " >>"), SIGNER, TestSigner.Options.approval(PKI.crl())));
		}
		// Deeper page trees overflow the test signer's own stack (PDFBox, while signing), not the validator.
		assertFewLines("page tree 1000", () -> pageTree(1000));
		assertFewLines("form chain 1000 changed after signing", () -> formChain(1000, 1, true));
		assertFewLines("form chain 1000 signed", () -> formChain(1000, 1, false));
	}

	@Test
	void theSummarySaysHowManyWereSuppressed() {
		List<ILoggingEvent> lines = warningsOf(formChain(300, 1000, true));
		assertThat(lines).filteredOn(event -> event.getLoggerName().equals(RepeatedLogs.class.getName()))
			.singleElement()
			.satisfies(event -> assertThat(Integer.parseInt(event.getFormattedMessage().split(" ")[0]))
				.as(event.getFormattedMessage())
				.isGreaterThanOrEqualTo(1999));
		assertThat(lines).filteredOn(event -> event.getFormattedMessage().contains("recursion is too deep")).hasSize(1);
	}

	@Test
	void ownMessagesAndMessagesOutsideAValidationAreNeverSuppressed() {
		Logger pdfbox = logger("org.apache.pdfbox.test.Noisy");
		Logger own = logger("fr.paraphe.validation.internal.Own");
		List<ILoggingEvent> lines = captured(() -> {
			try (RepeatedLogs.Scope scope = RepeatedLogs.open(); RepeatedLogs.Binding binding = scope.bind()) {
				for (int i = 0; i < 30; i++) {
					pdfbox.error("skipping form");
					own.error("our own error");
				}
			}
			for (int i = 0; i < 30; i++) {
				pdfbox.error("skipping form");
			}
		});
		assertThat(lines).filteredOn(event -> event.getLoggerName().equals(own.getName())).hasSize(30);
		assertThat(lines).filteredOn(event -> event.getLoggerName().equals(pdfbox.getName())).hasSize(1 + 30);
		assertThat(lines).filteredOn(event -> event.getLoggerName().equals(RepeatedLogs.class.getName()))
			.extracting(ILoggingEvent::getFormattedMessage)
			.singleElement()
			.satisfies(line -> assertThat(line).startsWith("29 repeated"));
	}

	@Test
	void concurrentValidationsEachLogTheirOwnFirstMessage() throws Exception {
		Logger dss = logger("eu.europa.esig.dss.test.Noisy");
		int validations = 4;
		List<ILoggingEvent> lines = captured(() -> {
			java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(validations);
			java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(validations);
			try {
				List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
				for (int t = 0; t < validations; t++) {
					done.add(threads.submit(() -> {
						try (RepeatedLogs.Scope scope = RepeatedLogs.open(); RepeatedLogs.Binding binding = scope.bind()) {
							together.await();
							for (int i = 0; i < 100; i++) {
								dss.warn("chain of objects is skipped");
							}
						}
						return null;
					}));
				}
				for (java.util.concurrent.Future<?> each : done) {
					each.get();
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				threads.shutdownNow();
			}
		});
		assertThat(lines).filteredOn(event -> event.getLoggerName().equals(dss.getName())).hasSize(validations);
		assertThat(lines).filteredOn(event -> event.getLoggerName().equals(RepeatedLogs.class.getName()))
			.extracting(ILoggingEvent::getFormattedMessage)
			.hasSize(validations)
			.allSatisfy(line -> assertThat(line).startsWith("99 repeated"));
	}

	@Test
	void aWorkerStillRunningAfterTheValidationEndedStaysFiltered() {
		Logger pdfbox = logger("org.apache.pdfbox.test.Late");
		List<ILoggingEvent> lines = captured(() -> {
			java.util.concurrent.CountDownLatch bound = new java.util.concurrent.CountDownLatch(1);
			java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
			RepeatedLogs.Scope scope = RepeatedLogs.open();
			Thread worker = new Thread(() -> scope.call(() -> {
				bound.countDown();
				try {
					closed.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				for (int i = 0; i < 10; i++) {
					pdfbox.error("skipping form");
				}
				return null;
			}));
			worker.start();
			try {
				bound.await();
				scope.close();
				closed.countDown();
				worker.join();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(lines).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("skipping form", lines.get(1).getFormattedMessage());
		assertThat(lines.get(1).getFormattedMessage()).startsWith("9 repeated");
	}

	@Test
	void atMostAFewDistinctMessagesPerValidation() {
		Logger pdfbox = logger("org.apache.pdfbox.test.Varied");
		List<ILoggingEvent> lines = captured(() -> {
			try (RepeatedLogs.Scope scope = RepeatedLogs.open(); RepeatedLogs.Binding binding = scope.bind()) {
				for (int i = 0; i < 1000; i++) {
					pdfbox.error("Can't dereference COSObject{" + i + " 0 R}");
				}
			}
		});
		assertThat(lines).filteredOn(event -> event.getLoggerName().equals(pdfbox.getName()))
			.hasSize(RepeatedLogs.MAX_DISTINCT);
		assertThat(lines).hasSize(RepeatedLogs.MAX_DISTINCT + 1);
	}

	/** The WARN and ERROR lines logged while {@code work} runs, DSS and PDFBox at the application's levels. */
	static List<ILoggingEvent> captured(Runnable work) {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		Level[] saved = new Level[THIRD_PARTY.length];
		Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
		appender.start();
		root.addAppender(appender);
		for (int i = 0; i < THIRD_PARTY.length; i++) {
			saved[i] = logger(THIRD_PARTY[i]).getLevel();
			logger(THIRD_PARTY[i]).setLevel(null);
		}
		try {
			work.run();
		}
		finally {
			root.detachAppender(appender);
			for (int i = 0; i < THIRD_PARTY.length; i++) {
				logger(THIRD_PARTY[i]).setLevel(saved[i]);
			}
		}
		return appender.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).toList();
	}

	static void assertFewLines(String what, Supplier<byte[]> pdf) {
		List<ILoggingEvent> lines = warningsOf(built(pdf));
		assertThat(lines).as(what + ": " + describe(lines)).hasSizeLessThanOrEqualTo(MAX_LINES);
	}

	/**
	 * Builds a hostile document on a thread with a large stack: the test signer (PDFBox saving the increment)
	 * walks the nesting recursively and may overflow an ordinary stack; the validator is not concerned.
	 */
	static byte[] built(Supplier<byte[]> build) {
		java.util.concurrent.atomic.AtomicReference<Object> result = new java.util.concurrent.atomic.AtomicReference<>();
		Thread builder = new Thread(null, () -> {
			try {
				result.set(build.get());
			}
			catch (RuntimeException | Error ex) {
				result.set(ex);
			}
		}, "hostile-pdf-builder", 512L << 20);
		builder.start();
		try {
			builder.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (result.get() instanceof Throwable error) {
			throw new IllegalStateException("the test could not build its document", error);
		}
		return (byte[]) result.get();
	}

	/** The WARN and ERROR lines logged while validating {@code pdf}. */
	static List<ILoggingEvent> warningsOf(byte[] pdf) {
		return captured(() -> {
			try {
				assertThat(Validators.validate(VALIDATOR, pdf).valid()).isIn(true, false);
			}
			catch (DocumentRejectedException ex) {
				assertThat(ex.reason()).isNotNull();
			}
		});
	}

	static Logger logger(String name) {
		return (Logger) LoggerFactory.getLogger(name);
	}

	static String describe(List<ILoggingEvent> lines) {
		Map<String, Long> counts = lines.stream()
			.collect(Collectors.groupingBy(event -> event.getLevel() + " " + event.getLoggerName() + " "
					+ event.getFormattedMessage(), Collectors.counting()));
		return lines.size() + " lines " + counts;
	}

	static String deepArray(int depth) {
		return "[".repeat(depth) + "1" + "]".repeat(depth);
	}

	static String deepDictionary(int depth) {
		return "<< /A ".repeat(depth) + "1" + " >>".repeat(depth);
	}

	/** One page, object 3, with its content in object 4 and {@code entries} added to the page dictionary. */
	static byte[] onePage(String entries) {
		return new RawPdf().object("<< /Type /Catalog /Pages 2 0 R >>")
			.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
			.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " + entries + " >>")
			.stream("", "BT /F1 12 Tf 72 700 Td (Contrat) Tj ET".getBytes(StandardCharsets.ISO_8859_1))
			.build();
	}

	static byte[] signed() {
		return TestSigner.sign(onePage(""), SIGNER, TestSigner.Options.approval(PKI.crl()));
	}

	/**
	 * A signed page whose content draws form X (object 5) {@code calls} times; X draws the next form, {@code depth}
	 * forms deep. When {@code changed}, the page's content is rewritten after signing, so DSS renders the revisions.
	 */
	static byte[] formChain(int depth, int calls, boolean changed) {
		RawPdf pdf = new RawPdf().object("<< /Type /Catalog /Pages 2 0 R >>")
			.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
			.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
					+ "/Resources << /XObject << /X 5 0 R >> >> >>")
			.stream("", "/X Do\n".repeat(calls).getBytes(StandardCharsets.ISO_8859_1));
		for (int i = 0; i < depth; i++) {
			boolean last = i == depth - 1;
			String resources = last ? "" : " /Resources << /XObject << /X " + (6 + i) + " 0 R >> >>";
			pdf.stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10]" + resources,
					(last ? "0 0 1 1 re f" : "/X Do").getBytes(StandardCharsets.ISO_8859_1));
		}
		byte[] signed = TestSigner.sign(pdf.build(), SIGNER, TestSigner.Options.approval(PKI.crl()));
		if (!changed) {
			return signed;
		}
		String content = "/X Do\n".repeat(calls) + "0 0 1 1 re f\n";
		return Attacks.appendUpdate(signed,
				"4 0 obj\n<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream\nendobj\n");
	}

	/** A signed page under {@code depth} nested page tree nodes. */
	static byte[] pageTree(int depth) {
		RawPdf pdf = new RawPdf().object("<< /Type /Catalog /Pages 2 0 R >>");
		for (int i = 0; i < depth; i++) {
			int self = i + 2;
			String parent = i == 0 ? "" : " /Parent " + (self - 1) + " 0 R";
			pdf.object("<< /Type /Pages" + parent + " /Kids [" + (self + 1) + " 0 R] /Count 1 >>");
		}
		int page = depth + 2;
		pdf.object("<< /Type /Page /Parent " + (page - 1) + " 0 R /MediaBox [0 0 595 842] /Contents " + (page + 1)
				+ " 0 R >>");
		pdf.stream("", "BT ET".getBytes(StandardCharsets.ISO_8859_1));
		return TestSigner.sign(pdf.build(), SIGNER, TestSigner.Options.approval(PKI.crl()));
	}

	/** The object number of the last signature dictionary. */
	static int signatureObject(byte[] pdf) {
		String text = new String(pdf, StandardCharsets.ISO_8859_1);
		int header = text.lastIndexOf(" 0 obj", text.lastIndexOf("/ByteRange"));
		return Integer.parseInt(text.substring(text.lastIndexOf('\n', header) + 1, header).trim());
	}

}
