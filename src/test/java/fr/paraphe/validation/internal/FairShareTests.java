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
		byte[] heavy = TestSigner.sign(blankPages(40), CLAIRE, TestSigner.Options.approval(PKI.crl()));
		byte[] huge = blankPages(400);
		byte[] normal = TestSigner.sign(TestSigner.document("Facture"), CLAIRE, TestSigner.Options.approval(PKI.crl()));
		long heavyCost;
		long hugeCost;
		long normalCost;
		try (DefaultPdfValidator measuring = Validators.trusting(PKI.root())) {
			heavyCost = measuring.cost(heavy);
			hugeCost = measuring.cost(huge);
			normalCost = measuring.cost(normal);
		}
		assertThat(normalCost).isLessThan(heavyCost);
		assertThat(heavyCost).isLessThan(hugeCost);
		// The same shape as in production (heavy from 2,000,000, refused above 200,000,000), scaled down to these
		// documents so that the heavy one is read in a moment: the heavy document is heavy, the huge one over the bound.
		// The deadline is long only so that nothing here depends on this machine's speed.
		DefaultPdfValidator.Limits limits = new DefaultPdfValidator.Limits(20L << 20, Duration.ofSeconds(120), 2, 8,
				32L << 20, 256L << 20, hugeCost - 1, heavyCost);
		// Each validation on a worker reads the clock once, after DSS's verdict: the first one to get there (the
		// address's first heavy document) is held there, keeping its worker, until the test lets it go; the others
		// pass and are counted.
		CountDownLatch firstHeld = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		java.util.concurrent.atomic.AtomicInteger reachedAWorker = new java.util.concurrent.atomic.AtomicInteger();
		Clock holdingTheFirst = new MutableClock(Instant.now()) {

			@Override
			public Instant instant() {
				if (reachedAWorker.incrementAndGet() == 1) {
					firstHeld.countDown();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return super.instant();
			}

		};
		try (DefaultPdfValidator validator = Validators.trusting(limits, holdingTheFirst, PKI.root())) {
			ExecutorService uploads = Executors.newSingleThreadExecutor();
			try {
				Future<ValidationReport> first = uploads.submit(() -> validate(validator, heavy, HEAVY_SENDER));
				firstHeld.await();
				assertThat(validator.running()).as("the address's first heavy document holds a worker").isOne();

				// Nine more heavy documents and ten huge ones from the same address while its first is held.
				List<Reason> refusals = new ArrayList<>();
				for (int i = 0; i < 10; i++) {
					for (byte[] upload : i == 0 ? List.of(huge) : List.of(heavy, huge)) {
						try {
							validate(validator, upload, HEAVY_SENDER);
						}
						catch (DocumentRejectedException refused) {
							refusals.add(refused.reason());
						}
					}
				}
				assertThat(refusals).as("one heavy document at a time for this address; the huge ones over the bound")
					.hasSize(19)
					.containsOnly(Reason.CLIENT_BUSY, Reason.TOO_COMPLEX)
					.filteredOn(reason -> reason == Reason.CLIENT_BUSY)
					.hasSize(9);
				assertThat(validator.running()).as("none of them took a worker").isOne();
				assertThat(validator.waiting()).as("nor waits for one").isZero();
				assertThat(reachedAWorker).as("none of them was validated").hasValue(1);

				// Another address is served by the free worker while the first address's document is still held:
				// it waited behind none of that address's uploads.
				ValidationReport other = validate(validator, normal, SOMEONE_ELSE);

				assertThat(other.verdict()).isEqualTo(Verdict.VALID);
				assertThat(reachedAWorker).hasValue(2);
				assertThat(first).as("the heavy document is still held").isNotDone();

				release.countDown();
				assertThat(first.get().verdict()).as("the held one ends normally once let go").isEqualTo(Verdict.VALID);
			}
			finally {
				release.countDown();
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

}
