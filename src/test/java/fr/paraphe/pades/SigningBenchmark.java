package fr.paraphe.pades;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.LegalPerson;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.pki.RevocationData;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;
import fr.paraphe.timestamp.TimeStampAuthority;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.DssEngine;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Not a test: a benchmark, run on demand by {@code bench/signing.sh} (its name escapes Surefire's includes).
 * <p>
 * Signatures per second of Paraphe's engine beside, in the same run, (1) the raw cost of a signature — the file
 * hashed once with the JDK's SHA-256 plus one private-key operation of the key store — and (2) EU DSS 6.4's
 * PAdESService (getDataToSign → key store → signDocument) signing the same document at the same level with the same
 * key. For a one-page and a fifty-page PDF, at B-B, B-T, B-LT and B-LTA, with an ECDSA P-256 key (a person's
 * certificate) and an RSA-3072 key (a seal certificate, {@code paraphe.pki.seal-algorithm=RSA_3072} here), with one
 * and two threads. Time-stamps, OCSP responses and CRLs come in-process from the platform's TSA and CA for both
 * engines. See docs/benchmarks-signing.md.
 */
@ParapheIntegrationTest
@TestPropertySource(properties = { "paraphe.pki.seal-algorithm=RSA_3072", "paraphe.pki.key-pool-size=0",
		"logging.level.eu.europa.esig=WARN" })
class SigningBenchmark {

	private static final List<SignatureLevel> LEVELS = List.of(SignatureLevel.B_B, SignatureLevel.B_T,
			SignatureLevel.B_LT, SignatureLevel.B_LTA);

	@Autowired
	PadesSigner signer;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	KeyStore keyStore;

	@Autowired
	TimeStampAuthority tsa;

	@Autowired
	RevocationData revocationData;

	@Test
	void signaturesPerSecond() throws Exception {
		double seconds = Double.parseDouble(System.getProperty("bench.seconds", "1.5"));
		List<String> onlyLevels = List.of(System.getProperty("bench.levels", "B-B,B-T,B-LT,B-LTA").split(","));
		List<Integer> threadCounts = List.of(System.getProperty("bench.threads", "1,2").split(",")).stream()
			.map(Integer::valueOf).toList();
		SigningKey p256 = AbstractPadesIntegrationTests.keyOf(ca, ca.issue(new NaturalPerson(UserId.random(), "Banc", "Essai", "IDCFR-BENCH", "FR")));
		SigningKey rsa = AbstractPadesIntegrationTests.keyOf(ca, ca.issue(new LegalPerson(new Siren("732829320"), "Cabinet Banc")));
		byte[] onePage = TestSigner.document("Lettre de mission");
		byte[] fiftyPages = pages(50);
		List<String> lines = new ArrayList<>();
		warmUp(p256, onePage);
		lines.add(String.format(Locale.ROOT, "%-8s %-14s %-6s %3s | %9s %9s %9s | %8s %10s", "key", "document", "level",
				"thr", "raw/s", "Paraphe/s", "DSS/s", "P / DSS", "P cost/raw"));
		List<String> onlyKeys = List.of(System.getProperty("bench.keys", "P-256,RSA-3072").split(","));
		List<String> onlyDocuments = List.of(System.getProperty("bench.documents", "1,50").split(","));
		for (SigningKey key : List.of(p256, rsa)) {
			String keyName = key.key().algorithm().isEc() ? "P-256" : "RSA-3072";
			if (!onlyKeys.contains(keyName)) {
				continue;
			}
			SignatureAlgorithm algorithm = key.key().algorithm().isEc() ? SignatureAlgorithm.ECDSA_SHA256
					: SignatureAlgorithm.RSA_SHA256;
			for (byte[] document : List.of(onePage, fiftyPages)) {
				String documentName = document == onePage ? "1 page" : "50 pages";
				if (!onlyDocuments.contains(document == onePage ? "1" : "50")) {
					continue;
				}
				for (int threads : threadCounts) {
					for (SignatureLevel level : LEVELS) {
						if (!onlyLevels.contains(level.name().replace('_', '-'))) {
							continue;
						}
						SignatureParameters parameters = SignatureParameters.invisible(level, "Banc Essai", "Benchmark");
						double[] rates = rates(seconds, threads, List.of(() -> () -> raw(document, key),
								() -> () -> signer.sign(document, key, parameters), () -> {
									Function<byte[], byte[]> dss = dss(key, algorithm, level);
									return () -> dss.apply(document);
								}));
						double raw = rates[0];
						double paraphe = rates[1];
						double eu = rates[2];
						lines.add(String.format(Locale.ROOT, "%-8s %-14s %-6s %3d | %9.0f %9.1f %9.1f | %7.1fx %9.1fx",
								keyName, documentName + " (" + document.length / 1024 + " KB)",
								level.name().replace('_', '-'), threads, raw, paraphe, eu, paraphe / eu, raw / paraphe));
						System.out.println(lines.get(lines.size() - 1));
					}
				}
			}
		}
		System.out.println("\n=== Signing benchmark, " + seconds + " s per engine and measure, in quarter-second turns, "
				+ "load average " + loadAverage() + " ===");
		System.out.println("raw = SHA-256 of the whole file (JDK) + one signature by the key store; "
				+ "P cost/raw = Paraphe's time per signature in raw signatures");
		lines.forEach(System.out::println);
	}

	private byte[] raw(byte[] document, SigningKey key) {
		byte[] digest = DigestAlgorithm.SHA256.newMessageDigest().digest(document);
		return keyStore.sign(key.key(), DigestAlgorithm.SHA256, digest);
	}

	/** Two seconds of each engine at each level, so that the first measure does not pay for the JIT. */
	private void warmUp(SigningKey key, byte[] document) throws Exception {
		for (SignatureLevel level : LEVELS) {
			SignatureParameters parameters = SignatureParameters.invisible(level, "Banc Essai", "Benchmark");
			Function<byte[], byte[]> dss = dss(key, SignatureAlgorithm.ECDSA_SHA256, level);
			rates(2, 1, List.of(() -> () -> signer.sign(document, key, parameters), () -> () -> dss.apply(document)));
		}
	}

	/**
	 * Operations per second of each task over {@code seconds}, with {@code threads} threads each running its own
	 * instance (made by the supplier, so that DSS gets a service per thread). The tasks take turns in slices of a
	 * quarter of a second, after a slice of warm-up each, so that a change of load on the shared machine weighs on
	 * all of them alike and their ratios hold.
	 */
	private static double[] rates(double seconds, int threads, List<Supplier<Runnable>> tasks) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<List<Runnable>> instances = new ArrayList<>();
			for (Supplier<Runnable> task : tasks) {
				List<Runnable> perThread = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					perThread.add(task.get());
				}
				instances.add(perThread);
				run(pool, perThread, 250_000_000L, new AtomicLong());
			}
			long[] counts = new long[tasks.size()];
			long[] nanos = new long[tasks.size()];
			long slices = Math.max(1, Math.round(seconds * 4));
			for (long slice = 0; slice < slices; slice++) {
				for (int t = 0; t < tasks.size(); t++) {
					AtomicLong count = new AtomicLong();
					long start = System.nanoTime();
					run(pool, instances.get(t), 250_000_000L, count);
					nanos[t] += System.nanoTime() - start;
					counts[t] += count.get();
				}
			}
			double[] rates = new double[tasks.size()];
			for (int t = 0; t < tasks.size(); t++) {
				rates[t] = counts[t] / (nanos[t] / 1e9);
			}
			return rates;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void run(ExecutorService pool, List<Runnable> tasks, long nanos, AtomicLong count) throws Exception {
		long end = System.nanoTime() + nanos;
		List<Future<?>> running = new ArrayList<>();
		for (Runnable work : tasks) {
			running.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					work.run();
					count.incrementAndGet();
				}
			}));
		}
		for (Future<?> future : running) {
			future.get();
		}
	}

	private Function<byte[], byte[]> dss(SigningKey key, SignatureAlgorithm algorithm, SignatureLevel level) {
		CommonCertificateVerifier verifier = DssEngine.verifier(List.of(ca.authority(Authority.ROOT).certificate()),
				null);
		InProcessRevocation.install(verifier, revocationData);
		PAdESService service = new PAdESService(verifier);
		service.setTspSource(new OnlineTSPSource("http://in-process/pki/tsa", new TsaLoader(tsa)));
		List<CertificateToken> chain = key.chain().stream().map(CertificateToken::new).toList();
		eu.europa.esig.dss.enumerations.SignatureLevel dssLevel = switch (level) {
			case B_B -> eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B;
			case B_T -> eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_T;
			case B_LT -> eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT;
			case B_LTA -> eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LTA;
		};
		return pdf -> {
			PAdESSignatureParameters parameters = new PAdESSignatureParameters();
			parameters.setSignatureLevel(dssLevel);
			parameters.setDigestAlgorithm(eu.europa.esig.dss.enumerations.DigestAlgorithm.SHA256);
			parameters.setSigningCertificate(chain.get(0));
			parameters.setCertificateChain(chain);
			parameters.setReason("Benchmark");
			DSSDocument document = new InMemoryDocument(pdf, "document.pdf");
			ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
			byte[] digest = DigestAlgorithm.SHA256.newMessageDigest().digest(toBeSigned.getBytes());
			SignatureValue value = new SignatureValue(algorithm, keyStore.sign(key.key(), DigestAlgorithm.SHA256, digest));
			try {
				return service.signDocument(document, parameters, value).openStream().readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
	}

	/** A compressed PDF of {@code count} A4 pages, each with forty lines of text. */
	static byte[] pages(int count) {
		try (PDDocument document = new PDDocument()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (int p = 1; p <= count; p++) {
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 10);
					content.setLeading(16);
					content.newLineAtOffset(60, 780);
					for (int line = 1; line <= 40; line++) {
						content.showText("Page " + p + ", ligne " + line
								+ " : le cabinet s'engage à tenir la comptabilité selon les normes en vigueur.");
						content.newLine();
					}
					content.endText();
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	/** DSS's TSP client, answered by the platform's TSA in-process. */
	private static final class TsaLoader implements DataLoader {

		private static final long serialVersionUID = 1L;

		private final transient TimeStampAuthority tsa;

		TsaLoader(TimeStampAuthority tsa) {
			this.tsa = tsa;
		}

		@Override
		public byte[] get(String url) {
			throw new UnsupportedOperationException();
		}

		@Override
		public DataAndUrl get(List<String> urls) {
			throw new UnsupportedOperationException();
		}

		@Override
		public byte[] post(String url, byte[] content) {
			return tsa.respond(content);
		}

		@Override
		public void setContentType(String contentType) {
			// in-process
		}

	}

}
