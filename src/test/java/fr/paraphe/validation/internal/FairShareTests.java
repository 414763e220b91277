package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.paraphe.MutableClock;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.DocumentRejectedException.Reason;

import org.awaitility.Awaitility;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

/**
 * The public validator's fair share: a cost bound (pages × objects) refuses what is too costly before any expensive
 * step, one heavy document per client at a time, firms with an API key in their own queue, and work stopped at the
 * deadline instead of finishing in the background.
 */
class FairShareTests {

	static final TestPki PKI = new TestPki("Racine partage");

	static final TestPki.Credentials CLAIRE = PKI.issue("Claire Martin", "Cabinet Martin");

	static final ValidationClient HEAVY_SENDER = new ValidationClient("203.0.113.7", false);

	static final ValidationClient SOMEONE_ELSE = new ValidationClient("198.51.100.1", false);

	static byte[] blankPages(int count) {
		try (PDDocument document = new PDDocument()) {
			for (int i = 0; i < count; i++) {
				document.addPage(new PDPage());
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out, CompressParameters.NO_COMPRESSION);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static ValidationReport validate(DefaultPdfValidator validator, byte[] pdf, ValidationClient client) {
		return validator.validate(new ByteArrayInputStream(pdf), "test.pdf", Locale.FRENCH, client);
	}

	@Test
	void aDocumentAboveTheCostBoundIsRefusedBeforeAnyExpensiveStep() {
		byte[] huge = blankPages(20_000);
		try (DefaultPdfValidator validator = Validators.trusting(PKI.root())) {
			assertThat(validator.cost(huge)).isGreaterThan(Validators.limits().maxCost());

			assertThatThrownBy(() -> validate(validator, huge, HEAVY_SENDER))
				.isInstanceOfSatisfying(DocumentRejectedException.class,
						refused -> assertThat(refused.reason()).isEqualTo(Reason.TOO_COMPLEX));
			assertThat(validator.running()).as("refused before taking a worker").isZero();
		}
	}

	@Test
	void tenHeavyUploadsFromOneAddressLeaveTheOthersTheirUsualService() throws Exception {
		byte[] heavy = TestSigner.sign(blankPages(2_000), CLAIRE, TestSigner.Options.approval(PKI.crl()));
		byte[] huge = blankPages(20_000);
		byte[] normal = TestSigner.sign(TestSigner.document("Facture"), CLAIRE, TestSigner.Options.approval(PKI.crl()));
		// A long deadline: this machine may be loaded; what is compared is the normal document's time with and
		// without the heavy uploads beside it.
		DefaultPdfValidator.Limits limits = new DefaultPdfValidator.Limits(20L << 20, Duration.ofSeconds(60), 2, 8,
				32L << 20, 256L << 20);
		try (DefaultPdfValidator validator = Validators.trusting(limits, PKI.root())) {
			assertThat(validator.cost(heavy)).isGreaterThanOrEqualTo(Validators.limits().heavyCost());
			// The baseline: the normal document alone, warm.
			validate(validator, normal, SOMEONE_ELSE);
			long baseline = timed(() -> validate(validator, normal, SOMEONE_ELSE));

			ExecutorService uploads = Executors.newFixedThreadPool(20);
			List<Future<ValidationReport>> heavyUploads = new ArrayList<>();
			try {
				for (int i = 0; i < 10; i++) {
					heavyUploads.add(uploads.submit(() -> validate(validator, heavy, HEAVY_SENDER)));
					heavyUploads.add(uploads.submit(() -> validate(validator, huge, HEAVY_SENDER)));
				}
				while (validator.running() == 0) {
					Thread.sleep(5);
				}
				ValidationReport[] report = new ValidationReport[1];
				long underLoad = timed(() -> report[0] = validate(validator, normal, SOMEONE_ELSE));

				assertThat(report[0].verdict()).isEqualTo(Verdict.VALID);
				List<Reason> refusals = new ArrayList<>();
				for (Future<ValidationReport> upload : heavyUploads) {
					try {
						upload.get();
					}
					catch (java.util.concurrent.ExecutionException ex) {
						refusals.add(((DocumentRejectedException) ex.getCause()).reason());
					}
				}
				assertThat(refusals).as("one heavy document at a time for this address; the huge ones over the bound")
					.filteredOn(reason -> reason == Reason.CLIENT_BUSY)
					.hasSizeGreaterThanOrEqualTo(5);
				assertThat(refusals).filteredOn(reason -> reason == Reason.TOO_COMPLEX).hasSizeGreaterThanOrEqualTo(10);
				assertThat(refusals).doesNotContain(Reason.BUSY);
				// Answered in its usual time: not queued behind the heavy documents nor their timeouts (a heavy one takes
				// more than 10 s here). The heavy document that runs shares the two cores, so the normal
				// one may be slower by the CPU it does not get: the bound is generous, not to fail on a loaded machine.
				System.out.printf("normal document alone %d ms, beside ten heavy uploads %d ms (load %s)%n", baseline,
						underLoad, load());
				assertThat(underLoad).isLessThan(Math.max(10 * baseline, baseline + 5_000));
			}
			finally {
				uploads.shutdownNow();
			}
		}
	}

	@Test
	void aFirmWithAnApiKeyHasItsOwnQueue() throws Exception {
		byte[] normal = TestSigner.sign(TestSigner.document("Facture"), CLAIRE, TestSigner.Options.approval(PKI.crl()));
		DefaultPdfValidator.Limits limits = new DefaultPdfValidator.Limits(20L << 20, Duration.ofSeconds(10), 1, 1,
				32L << 20, 256L << 20);
		byte[] heavy = TestSigner.sign(blankPages(2_000), CLAIRE, TestSigner.Options.approval(PKI.crl()));
		try (DefaultPdfValidator validator = Validators.trusting(limits, PKI.root())) {
			ExecutorService uploads = Executors.newFixedThreadPool(3);
			try {
				// The public queue full: one running, one waiting.
				uploads.submit(() -> validate(validator, heavy, HEAVY_SENDER));
				uploads.submit(() -> validate(validator, heavy, new ValidationClient("192.0.2.1", false)));
				while (validator.running() == 0) {
					Thread.sleep(5);
				}

				ValidationReport firm = validate(validator, normal, new ValidationClient("key:firm-1", true));

				assertThat(firm.verdict()).isEqualTo(Verdict.VALID);
			}
			finally {
				uploads.shutdownNow();
			}
		}
	}

	@Test
	void aValidationPastItsDeadlineStopsInsteadOfFinishingInTheBackground() throws Exception {
		byte[] normal = TestSigner.sign(TestSigner.document("Facture"), CLAIRE, TestSigner.Options.approval(PKI.crl()));
		// The report is dated after DSS's verdict, past the last check point inside DSS: a clock that holds the
		// worker there until its caller has been told "too long" puts the validation's tail past its deadline, on
		// any machine, however loaded. The deadline is generous only so that DSS's verdict is reached before it.
		CountDownLatch inTheTail = new CountDownLatch(1);
		CountDownLatch callerAnswered = new CountDownLatch(1);
		Clock holding = new MutableClock(Instant.now()) {

			@Override
			public Instant instant() {
				inTheTail.countDown();
				boolean interrupted = false;
				while (true) {
					try {
						callerAnswered.await();
						break;
					}
					catch (InterruptedException ex) {
						// Work that does not look at interrupts, as most of the report's assembly.
						interrupted = true;
					}
				}
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
				return super.instant();
			}

		};
		DefaultPdfValidator.Limits limits = new DefaultPdfValidator.Limits(20L << 20, Duration.ofSeconds(5), 2, 8,
				32L << 20, 256L << 20);
		try (DefaultPdfValidator validator = Validators.trusting(limits, holding, PKI.root())) {
			assertThatThrownBy(() -> validate(validator, normal, SOMEONE_ELSE))
				.isInstanceOfSatisfying(DocumentRejectedException.class,
						refused -> assertThat(refused.reason()).isEqualTo(Reason.TOO_COMPLEX));
			assertThat(inTheTail.getCount()).as("the worker reached the tail after DSS's verdict").isZero();
			callerAnswered.countDown();
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> validator.running() == 0);
			assertThat(validator.finishedLate()).as("the tail stopped at its check point, its report dropped").isZero();
		}
	}

	static String load() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	interface Work {

		void run() throws Exception;

	}

	static long timed(Work work) throws Exception {
		long start = System.nanoTime();
		work.run();
		return (System.nanoTime() - start) / 1_000_000;
	}

}
