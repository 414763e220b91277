package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutates signed PDFs a few thousand times (bit flips, truncations, byte-range edits, appended updates, with a
 * fixed seed so that a failure can be replayed) and asserts, for every case, a well-formed answer within the
 * deadline, and never "valid" when a byte inside a signed byte range changed. {@code -Dfuzz.cases=N} changes the
 * number of cases (2500 by default: about 65 s on two idle cores).
 */
class MutationFuzzTests {

	static final TestPki PKI = new TestPki("Racine fuzz");

	static final TestPki.Credentials CLAIRE = PKI.issue("Claire Martin", "Cabinet Martin");

	static final TestPki.Credentials PAUL = PKI.issue("Paul Durand", "Client SARL");

	record Mutant(String description, byte[] bytes, boolean signedBytesChanged) {
	}

	@Test
	@Timeout(300)
	void noMutationInsideASignedRangeIsEverValidAndEveryAnswerIsWellFormed() throws Exception {
		List<byte[]> originals = List.of(
				TestSigner.sign(TestSigner.document("Lettre de mission"), CLAIRE, TestSigner.Options.approval(PKI.crl())),
				TestSigner.sign(
						TestSigner.sign(TestSigner.document("Comptes annuels", "Annexe"), CLAIRE,
								TestSigner.Options.approval(PKI.crl())),
						PAUL, TestSigner.Options.approval(PKI.crl())),
				TestSigner.sign(TestSigner.documentWithTextField("Attestation", "montant", "1 000 EUR", false), CLAIRE,
						TestSigner.Options.certification(2, PKI.crl())));
		int cases = Integer.getInteger("fuzz.cases", 2500);
		Random random = new Random(20261126L);
		List<Mutant> mutants = new ArrayList<>();
		for (int i = 0; i < cases; i++) {
			byte[] original = originals.get(random.nextInt(originals.size()));
			mutants.add(mutate(original, random, i));
		}
		try (DefaultPdfValidator validator = Validators.trusting(new DefaultPdfValidator.Limits(20L << 20,
				Duration.ofSeconds(10), 2, 64, 16L << 20, 128L << 20), PKI.root())) {
			for (byte[] original : originals) {
				assertThat(Validators.validate(validator, original).verdict()).isEqualTo(Verdict.VALID);
			}
			ConcurrentLinkedQueue<String> falseValid = new ConcurrentLinkedQueue<>();
			ConcurrentLinkedQueue<String> malformed = new ConcurrentLinkedQueue<>();
			AtomicInteger refused = new AtomicInteger();
			AtomicInteger valid = new AtomicInteger();
			ExecutorService callers = Executors.newFixedThreadPool(2);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (Mutant mutant : mutants) {
					done.add(callers.submit(() -> {
						long start = System.nanoTime();
						try {
							ValidationReport report = Validators.validate(validator, mutant.bytes());
							String problem = wellFormed(report);
							if (problem != null) {
								malformed.add(mutant.description() + ": " + problem);
							}
							if (report.valid()) {
								valid.incrementAndGet();
								if (mutant.signedBytesChanged()) {
									falseValid.add(mutant.description());
								}
							}
						}
						catch (DocumentRejectedException ex) {
							refused.incrementAndGet();
							if (ex.reason() == null || ex.reason() == DocumentRejectedException.Reason.BUSY) {
								malformed.add(mutant.description() + ": refused as " + ex.reason());
							}
						}
						catch (RuntimeException | Error ex) {
							malformed.add(mutant.description() + ": " + ex);
						}
						if (Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(12)) > 0) {
							malformed.add(mutant.description() + ": took too long");
						}
					}));
				}
				for (Future<?> future : done) {
					future.get();
				}
			}
			finally {
				callers.shutdownNow();
			}
			System.out.printf("fuzz: %d cases, %d refused, %d valid (outside signed bytes), %d false valid%n", cases,
					refused.get(), valid.get(), falseValid.size());
			assertThat(malformed).isEmpty();
			assertThat(falseValid).isEmpty();
		}
	}

	static String wellFormed(ValidationReport report) {
		if (report == null || report.verdict() == null) {
			return "no verdict";
		}
		if (report.valid() != (report.verdict() == Verdict.VALID)) {
			return "valid and verdict disagree";
		}
		if (report.explanation() == null || report.explanation().isBlank()) {
			return "no explanation";
		}
		if (report.signatures() == null || report.documentTimestamps() == null) {
			return "no lists";
		}
		if (report.verdict() == Verdict.VALID && report.signatures().isEmpty()) {
			return "valid without signature";
		}
		return null;
	}

	static Mutant mutate(byte[] original, Random random, int index) {
		List<long[]> ranges = byteRanges(original);
		int kind = random.nextInt(10);
		byte[] bytes = original.clone();
		switch (kind) {
			case 0, 1, 2, 3 -> {
				// a bit flip inside a signed range
				long[] range = ranges.get(random.nextInt(ranges.size()));
				boolean first = random.nextBoolean();
				int at = (int) (first ? random.nextInt((int) range[1]) : range[2] + random.nextInt((int) range[3]));
				bytes[at] ^= (byte) (1 << random.nextInt(8));
				return new Mutant("#" + index + " bit flip at " + at, bytes, true);
			}
			case 4 -> {
				int at = random.nextInt(bytes.length);
				bytes[at] ^= (byte) (1 << random.nextInt(8));
				return new Mutant("#" + index + " bit flip anywhere at " + at, bytes, insideSigned(ranges, at));
			}
			case 5, 6 -> {
				int length = 1 + random.nextInt(bytes.length - 1);
				byte[] truncated = Arrays.copyOf(bytes, length);
				// Cutting the file cuts every signed range that reached further.
				boolean cut = ranges.stream().anyMatch(range -> range[2] + range[3] > length);
				return new Mutant("#" + index + " truncated to " + length, truncated, cut);
			}
			case 7 -> {
				// a digit of a /ByteRange changed in place (the numbers are inside the signed bytes)
				String text = new String(bytes, StandardCharsets.ISO_8859_1);
				List<Integer> digits = new ArrayList<>();
				for (int at = text.indexOf("/ByteRange ["); at >= 0; at = text.indexOf("/ByteRange [", at + 1)) {
					for (int i = at + 12; i < text.length() && text.charAt(i) != ']'; i++) {
						if (Character.isDigit(text.charAt(i))) {
							digits.add(i);
						}
					}
				}
				int at = digits.get(random.nextInt(digits.size()));
				char replacement = (char) ('0' + (text.charAt(at) - '0' + 1 + random.nextInt(9)) % 10);
				bytes[at] = (byte) replacement;
				return new Mutant("#" + index + " byte range digit at " + at, bytes, insideSigned(ranges, at));
			}
			default -> {
				// an appended update redefining an object of the file with something else
				int highest = Attacks.nextObjectNumber(bytes) - 1;
				int number = 1 + random.nextInt(highest);
				String[] bodies = { "<< >>", "null", "[1 0 R 2 0 R]", "<< /Type /Page /Contents " + number + " 0 R >>",
						"<< /Type /Pages /Kids [] /Count 0 >>", "(texte)", "<< /Length 5 >>\nstream\nBT ET\nendstream" };
				String body = bodies[random.nextInt(bodies.length)];
				return new Mutant("#" + index + " update redefining " + number + " as " + body,
						Attacks.appendUpdate(bytes, number + " 0 obj\n" + body + "\nendobj\n"), false);
			}
		}
	}

	static boolean insideSigned(List<long[]> ranges, long at) {
		return ranges.stream()
			.anyMatch(range -> at < range[1] || (at >= range[2] && at < range[2] + range[3]));
	}

	/** The /ByteRange of every signature, read from the raw bytes. */
	static List<long[]> byteRanges(byte[] pdf) {
		String text = new String(pdf, StandardCharsets.ISO_8859_1);
		List<long[]> ranges = new ArrayList<>();
		for (int at = text.indexOf("/ByteRange ["); at >= 0; at = text.indexOf("/ByteRange [", at + 1)) {
			String[] numbers = text.substring(at + 12, text.indexOf(']', at)).trim().split("\\s+");
			ranges.add(new long[] { Long.parseLong(numbers[0]), Long.parseLong(numbers[1]), Long.parseLong(numbers[2]),
					Long.parseLong(numbers[3]) });
		}
		return ranges;
	}

}
