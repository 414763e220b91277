package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import fr.paraphe.validation.RawPdf;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.DocumentRejectedException.Reason;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input: each case ends within the deadline with a clear answer (a refusal or a report that is not
 * valid), never an exception of another kind, a hang or an out-of-memory for the service.
 */
@Timeout(60)
class HostileInputTests {

	static final TestPki PKI = new TestPki("Racine hostile");

	static final TestPki.Credentials SIGNER = PKI.issue("Claire Martin", "Cabinet Martin");

	static final DefaultPdfValidator VALIDATOR = Validators.trusting(new DefaultPdfValidator.Limits(2L << 20,
			Duration.ofSeconds(5), 2, 4, 8L << 20, 64L << 20), PKI.root());

	@AfterAll
	static void close() {
		VALIDATOR.close();
	}

	@Test
	void aTooLargeDocumentIsRefusedBeforeParsing() {
		byte[] large = new byte[(2 << 20) + 1];
		assertRefused(large, Reason.TOO_LARGE);
	}

	@Test
	void somethingElseIsNotAPdf() {
		assertRefused("<html>bonjour</html>".getBytes(), Reason.NOT_PDF);
		assertRefused(new byte[0], Reason.NOT_PDF);
	}

	@Test
	void aPasswordProtectedPdfIsRefusedAsEncrypted() throws IOException {
		try (PDDocument document = Loader.loadPDF(TestSigner.document("Secret"))) {
			document.protect(new StandardProtectionPolicy("proprietaire", "utilisateur", new AccessPermission()));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			assertRefused(out.toByteArray(), Reason.ENCRYPTED);
		}
	}

	@Test
	void everyTruncationOfASignedPdfEndsWithAClearAnswerThatIsNotValid() {
		byte[] signed = TestSigner.sign(TestSigner.document("Contrat"), SIGNER, TestSigner.Options.approval(PKI.crl()));
		for (int length : new int[] { 10, 200, signed.length / 4, signed.length / 2, signed.length - 200,
				signed.length - 30, signed.length - 1 }) {
			byte[] truncated = java.util.Arrays.copyOf(signed, length);
			assertNotValid(truncated);
		}
	}

	@Test
	void aDeflateBombInASignedPdfCostsNothing() {
		byte[] bomb = deflatedZeros(200 << 20);
		RawPdf pdf = new RawPdf().object("<< /Type /Catalog /Pages 2 0 R >>")
			.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
			.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>")
			.stream("/Filter /FlateDecode", bomb);
		byte[] signed = TestSigner.sign(pdf.build(), SIGNER, TestSigner.Options.approval(PKI.crl()));
		long start = System.nanoTime();
		ValidationReport report = Validators.validate(VALIDATOR, signed);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
		assertThat(report.signatures()).hasSize(1);
	}

	@Test
	void aDeflateBombThatMustBeRenderedEndsInTime() {
		// An incremental update after signing makes DSS compare the rendered pages: the bomb would be decoded.
		byte[] bomb = deflatedZeros(200 << 20);
		RawPdf pdf = new RawPdf().object("<< /Type /Catalog /Pages 2 0 R >>")
			.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
			.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>")
			.stream("/Filter /FlateDecode", bomb);
		byte[] signed = TestSigner.sign(pdf.build(), SIGNER, TestSigner.Options.approval(PKI.crl()));
		byte[] updated = Attacks.appendUpdate(signed,
				"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 4 0 R] >>\nendobj\n");
		assertNotValid(updated);
	}

	@Test
	void referenceLoopsEndWithAnAnswer() {
		RawPdf pdf = new RawPdf().object("<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R >>")
			.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
			.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 4 0 R /Annots [6 0 R] >>")
			.object("<< /XObject << /X 4 0 R >> /Font 4 0 R /Self [4 0 R 4 0 R] >>")
			.object("<< /Fields [6 0 R] >>")
			.object("<< /Type /Annot /Subtype /Widget /FT /Sig /Parent 6 0 R /Kids [6 0 R] /V 7 0 R /Rect [0 0 0 0] >>")
			.object("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] /Contents <00> /Next 7 0 R >>");
		assertNotValid(pdf.build());
	}

	@Test
	void pageTreeLoopsEndWithAnAnswer() {
		RawPdf pdf = new RawPdf().object("<< /Type /Catalog /Pages 2 0 R >>")
			.object("<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>")
			.object("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>");
		assertNotValid(pdf.build());
	}

	@Test
	void anEnormousObjectCountEndsWithAnAnswer() {
		RawPdf pdf = new RawPdf().object("<< /Type /Catalog /Pages 2 0 R >>")
			.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
			.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject 4 0 R >> >>");
		StringBuilder names = new StringBuilder("<<");
		int count = 250_000;
		for (int i = 0; i < count; i++) {
			names.append(" /N").append(i).append(' ').append(i + 5).append(" 0 R");
		}
		pdf.object(names.append(" >>").toString());
		for (int i = 0; i < count; i++) {
			pdf.object("[" + i + "]");
		}
		byte[] bytes = pdf.build();
		assertThat(bytes.length).isLessThan(20 << 20);
		try (DefaultPdfValidator validator = Validators.trusting(PKI.root())) {
			long start = System.nanoTime();
			ValidationReport report = Validators.validate(validator, bytes);
			assertThat(report.valid()).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
		}
		catch (DocumentRejectedException ex) {
			assertThat(ex.reason()).isIn(Reason.TOO_COMPLEX, Reason.MALFORMED);
		}
	}

	@Test
	void aTaskPastItsDeadlineIsAbandonedAndSaturationIsRefused() throws Exception {
		try (BoundedExecutor executor = new BoundedExecutor(1, 1)) {
			long start = System.nanoTime();
			assertThatThrownBy(() -> executor.run(() -> {
				Thread.sleep(30_000);
				return null;
			}, Duration.ofMillis(200))).isInstanceOfSatisfying(DocumentRejectedException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_COMPLEX));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

			CountDownLatch release = new CountDownLatch(1);
			ExecutorService callers = Executors.newFixedThreadPool(3);
			try {
				List<Future<Object>> calls = new ArrayList<>();
				CountDownLatch running = new CountDownLatch(1);
				calls.add(callers.submit(() -> executor.run(() -> {
					running.countDown();
					release.await();
					return "done";
				}, Duration.ofSeconds(30))));
				assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
				calls.add(callers.submit(() -> executor.run(() -> {
					release.await();
					return "done";
				}, Duration.ofSeconds(30))));
				for (int i = 0; i < 3000 && executor.waiting() == 0; i++) {
					Thread.sleep(10);
				}
				assertThat(executor.waiting()).isEqualTo(1);
				calls.add(callers.submit(() -> executor.run(() -> "never", Duration.ofSeconds(30))));
				// one runs, one waits, the third is refused at once
				Throwable refused = null;
				try {
					calls.get(2).get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					refused = ex.getCause();
				}
				assertThat(refused).isInstanceOfSatisfying(DocumentRejectedException.class,
						ex -> assertThat(ex.reason()).isEqualTo(Reason.BUSY));
				release.countDown();
				assertThat(calls.get(0).get()).isEqualTo("done");
				assertThat(calls.get(1).get()).isEqualTo("done");
			}
			finally {
				release.countDown();
				callers.shutdownNow();
			}
		}
	}

	static void assertRefused(byte[] bytes, Reason reason) {
		assertThatThrownBy(() -> Validators.validate(VALIDATOR, bytes))
			.isInstanceOfSatisfying(DocumentRejectedException.class, ex -> assertThat(ex.reason()).isEqualTo(reason));
	}

	/** Within the deadline (plus margin): a refusal, or a report that is not valid. */
	static void assertNotValid(byte[] bytes) {
		long start = System.nanoTime();
		try {
			ValidationReport report = Validators.validate(VALIDATOR, bytes);
			assertThat(report.valid()).as(report.toString()).isFalse();
		}
		catch (DocumentRejectedException ex) {
			assertThat(ex.reason()).isNotNull();
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(7));
	}

	static byte[] deflatedZeros(int size) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
			byte[] zeros = new byte[1 << 20];
			for (int written = 0; written < size; written += zeros.length) {
				deflater.write(zeros);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
