import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.ValidationReport;
import fr.paraphe.validation.internal.DefaultPdfValidator;
import fr.paraphe.validation.internal.Validators;

/**
 * Validations per second over a corpus, Paraphe's validator against plain EU DSS (default policy, default
 * verifier, a new validator per document, as the DSS documentation shows), in the same run, same JVM, one thread.
 * Run with bench/run.sh; see docs/benchmarks-validation.md.
 */
public class ValidationBenchmark {

	public static void main(String[] args) throws Exception {
		int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
		TestPki pki = new TestPki("Racine benchmark");
		TestPki.Credentials claire = pki.issue("Claire Martin", "Cabinet Martin");
		TestPki.Credentials paul = pki.issue("Paul Durand", "Client SARL");
		Map<String, byte[]> corpus = new LinkedHashMap<>();
		byte[] one = TestSigner.sign(TestSigner.document("Lettre de mission"), claire,
				TestSigner.Options.approval(pki.crl()));
		corpus.put("one signature", one);
		corpus.put("two signatures", TestSigner.sign(
				TestSigner.sign(TestSigner.document("Comptes annuels", "Annexe", "Rapport"), claire,
						TestSigner.Options.approval(pki.crl())),
				paul, TestSigner.Options.approval(pki.crl())));
		corpus.put("certified P=2 + signature", TestSigner.sign(
				TestSigner.sign(TestSigner.documentWithTextField("Attestation", "montant", "1 000 EUR", false), claire,
						TestSigner.Options.certification(2, pki.crl())),
				paul, TestSigner.Options.approval(pki.crl())));
		byte[] tampered = one.clone();
		tampered[200] ^= 1; // inside the first signed byte range
		corpus.put("tampered", tampered);
		corpus.put("untrusted signer", TestSigner.sign(TestSigner.document("Contrat"),
				new TestPki("Autre racine").issue("Jean Dupont", "Inconnu"), TestSigner.Options.approval(null)));

		// Issue 11: a document with five signatures (two of them visible, in the bottom margin) and a 200-page one.
		byte[] five = TestSigner.document("Assemblée générale", "Procès-verbal", "Annexe");
		for (int i = 0; i < 5; i++) {
			TestSigner.Appearance margin = i < 2 ? new TestSigner.Appearance(2,
					new org.apache.pdfbox.pdmodel.common.PDRectangle(40 + 180 * i, 40, 160, 40), "Signataire " + (i + 1),
					true) : null;
			five = TestSigner.sign(five, i % 2 == 0 ? claire : paul, TestSigner.Options.approval(pki.crl()), margin);
		}
		corpus.put("five signatures", five);
		String[] pages = new String[200];
		for (int i = 0; i < pages.length; i++) {
			pages[i] = "Grand livre 2025, page " + (i + 1) + " : solde reporté 12 345,67 EUR";
		}
		corpus.put("200 pages", TestSigner.sign(TestSigner.document(pages), claire, TestSigner.Options.approval(pki.crl())));
		boolean profileOnly = args.length > 1 && args[1].equals("paraphe-only");

		try (DefaultPdfValidator paraphe = Validators.trusting(new DefaultPdfValidator.Limits(20L << 20,
				Duration.ofSeconds(120), 1, 8, 32L << 20, 256L << 20), pki.root())) {
			System.out.println("document | Paraphe verdict (strict) | DSS indications (strict, Paraphe) | plain DSS indications | same");
			for (Map.Entry<String, byte[]> entry : corpus.entrySet()) {
				ValidationReport report = paraphe.validate(new ByteArrayInputStream(entry.getValue()), "b.pdf", Locale.FRENCH);
				List<String> ours = report.signatures().stream().map(s -> s.dssIndication().name()).toList();
				List<String> plain = plain(entry.getValue(), pki);
				System.out.printf("%s | %s | %s | %s | %s%n", entry.getKey(), report.verdict(), ours, plain,
						ours.equals(plain) ? "yes" : "NO");
			}
			if (args.length > 1 && args[1].equals("per-document")) {
				// CPU ms per validation, document by document, Paraphe and plain DSS alternating validation by
				// validation for 2 s per document and round (bench/validation.sh ROUNDS per-document).
				perDocument(corpus, paraphe, pki, seconds);
				return;
			}
			if (profileOnly) {
				// For a JFR profile of Paraphe's validator alone (bench/validation.sh SECONDS paraphe-only).
				Totals alone = new Totals();
				slice(new ArrayList<>(corpus.values()), c -> validateParaphe(paraphe, c), alone, seconds);
				System.out.printf("Paraphe alone: %d validations, %.1f/s%n", alone.count, alone.wallRate());
				return;
			}
			// Warm-up (JIT), then one-second slices alternating between the two, so that both see the same machine
			// load; throughput by wall clock and by process CPU time (less sensitive to other processes).
			Totals ours = new Totals();
			Totals plain = new Totals();
			List<byte[]> documents = new ArrayList<>(corpus.values());
			long warmEnd = System.nanoTime() + 15_000_000_000L;
			while (System.nanoTime() < warmEnd) {
				slice(documents, c -> validateParaphe(paraphe, c), new Totals(), 1);
				slice(documents, c -> plain(c, pki), new Totals(), 1);
			}
			for (int i = 0; i < seconds / 2; i++) {
				slice(documents, c -> validateParaphe(paraphe, c), ours, 1);
				slice(documents, c -> plain(c, pki), plain, 1);
			}
			System.out.printf("Paraphe:   %d validations, %.1f/s wall clock, %.1f per CPU-second%n", ours.count,
					ours.wallRate(), ours.cpuRate());
			System.out.printf("plain DSS: %d validations, %.1f/s wall clock, %.1f per CPU-second%n", plain.count,
					plain.wallRate(), plain.cpuRate());
			System.out.printf("RESULT ratio Paraphe / plain DSS: %.2f (wall clock), %.2f (CPU time)%n",
					ours.wallRate() / plain.wallRate(), ours.cpuRate() / plain.cpuRate());
			// The two large documents alone, same alternation, a quarter of the time each.
			for (String name : List.of("five signatures", "200 pages")) {
				List<byte[]> alone = List.of(corpus.get(name));
				Totals oursAlone = new Totals();
				Totals plainAlone = new Totals();
				for (int i = 0; i < Math.max(2, seconds / 8); i++) {
					slice(alone, c -> validateParaphe(paraphe, c), oursAlone, 1);
					slice(alone, c -> plain(c, pki), plainAlone, 1);
				}
				System.out.printf("RESULT %s: Paraphe %.1f/s (%.1f per CPU-s), plain DSS %.1f/s (%.1f per CPU-s), ratio %.2f (wall), %.2f (CPU)%n",
						name, oursAlone.wallRate(), oursAlone.cpuRate(), plainAlone.wallRate(), plainAlone.cpuRate(),
						oursAlone.wallRate() / plainAlone.wallRate(), oursAlone.cpuRate() / plainAlone.cpuRate());
			}
		}
	}

	static void perDocument(Map<String, byte[]> corpus, DefaultPdfValidator paraphe, TestPki pki, int rounds)
			throws Exception {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		for (int round = 0; round < rounds; round++) {
			StringBuilder line = new StringBuilder("round " + round + ":");
			double oursSum = 0;
			double plainSum = 0;
			for (Map.Entry<String, byte[]> entry : corpus.entrySet()) {
				long ours = 0;
				long plain = 0;
				int count = 0;
				long end = System.nanoTime() + 2_000_000_000L;
				while (System.nanoTime() < end) {
					long t0 = os.getProcessCpuTime();
					validateParaphe(paraphe, entry.getValue());
					long t1 = os.getProcessCpuTime();
					plain(entry.getValue(), pki);
					long t2 = os.getProcessCpuTime();
					ours += t1 - t0;
					plain += t2 - t1;
					count++;
				}
				oursSum += ours / 1e6 / count;
				plainSum += plain / 1e6 / count;
				line.append(String.format(" %s %.1f/%.1f |", entry.getKey(), ours / 1e6 / count, plain / 1e6 / count));
			}
			System.out.printf("%s corpus %.0f/%.0f CPU ms, ratio %.2f%n", line, oursSum, plainSum, plainSum / oursSum);
		}
	}

	static final class Totals {

		long count;

		long wallNanos;

		long cpuNanos;

		double wallRate() {
			return count / (wallNanos / 1e9);
		}

		double cpuRate() {
			return count / (cpuNanos / 1e9);
		}

	}

	static void slice(List<byte[]> documents, Validation validation, Totals totals, double seconds) throws Exception {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		long cpuStart = os.getProcessCpuTime();
		long start = System.nanoTime();
		long end = start + (long) (seconds * 1e9);
		int count = 0;
		while (System.nanoTime() < end) {
			validation.run(documents.get((int) ((totals.count + count) % documents.size())));
			count++;
		}
		totals.wallNanos += System.nanoTime() - start;
		totals.cpuNanos += os.getProcessCpuTime() - cpuStart;
		totals.count += count;
	}

	interface Validation {

		Object run(byte[] pdf) throws Exception;

	}

	static Object validateParaphe(DefaultPdfValidator validator, byte[] pdf) {
		return validator.validate(new ByteArrayInputStream(pdf), "b.pdf", Locale.FRENCH);
	}

	/** EU DSS as its documentation shows it: default policy, a verifier trusting the root, nothing else. */
	static List<String> plain(byte[] pdf, TestPki pki) {
		SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
		CommonCertificateVerifier verifier = new CommonCertificateVerifier();
		verifier.setAIASource(null);
		CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
		trusted.addCertificate(new CertificateToken(pki.root()));
		verifier.setTrustedCertSources(trusted);
		validator.setCertificateVerifier(verifier);
		Reports reports = validator.validateDocument();
		List<String> indications = new ArrayList<>();
		for (String id : reports.getSimpleReport().getSignatureIdList()) {
			Indication indication = reports.getSimpleReport().getIndication(id);
			indications.add(switch (indication) {
				case PASSED, TOTAL_PASSED -> "TOTAL_PASSED";
				case FAILED, TOTAL_FAILED -> "TOTAL_FAILED";
				default -> "INDETERMINATE";
			});
		}
		return indications;
	}

}
