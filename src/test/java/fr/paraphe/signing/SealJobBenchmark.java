package fr.paraphe.signing;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.shared.Money;
import fr.paraphe.signing.internal.SigningKeys;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: a benchmark, run on demand by {@code bench/seal-job.sh} (its name escapes Surefire's includes).
 * <p>
 * A 1,000-document bulk sealing job of one-page PDFs ({@code bench/one-page-pdf.py}, passed as
 * {@code -Dbench.pdf}) at B-B and B-LT, submitted over HTTP and polled to its end: documents per second from the
 * POST to COMPLETED, beside the in-process engine's rate measured in the same JVM just before (the firm's own seal
 * key, the same PDF and level, as many threads as the job's worker: {@code paraphe.signing.seal-jobs.workers},
 * the processors by default). The load average is written beside every figure. See docs/benchmarks.md.
 */
@ParapheIntegrationTest
class SealJobBenchmark {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	PadesSigner signer;

	@Autowired
	SigningKeys keys;

	@Autowired
	FirmSeals seals;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aThousandDocumentJobBesideTheEngine() throws Exception {
		int documents = Integer.getInteger("bench.documents", 1000);
		double engineSeconds = Double.parseDouble(System.getProperty("bench.engine-seconds", "10"));
		String pdfPath = System.getProperty("bench.pdf", "");
		byte[] pdf = pdfPath.isBlank() ? SealJobClient.onePage("Bulletin de paie") : Files.readAllBytes(Path.of(pdfPath));
		int threads = Runtime.getRuntime().availableProcessors();
		SealJobClient client = SealJobClient.newFirm(context, port, Money.parse("5000"));
		IssuedCertificate certificate = seals.certificateFor(client.firm, client.owner.id());

		List<String> lines = new ArrayList<>();
		lines.add("| level | engine in-process (" + threads + " threads), docs/s | load | job of " + documents
				+ " (POST → COMPLETED), docs/s | of which submission, s | load | job / engine | worker (POST answered → last"
				+ " recorded), docs/s | worker / engine |");
		lines.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
		for (String level : List.of("B-B", "B-LT")) {
			SignatureParameters parameters = CertifiedNames.apply(certificate,
					new SignatureParameters(SignatureLevel.parse(level).orElseThrow(), null, null, null, null, null, null, 0));
			double engine = engineRate(pdf, certificate, parameters, threads, engineSeconds);
			// The job's own path warmed up too (the HTTP upload, the stores, the worker): a small job first.
			Map<String, byte[]> warmUp = new LinkedHashMap<>();
			for (int i = 0; i < 50; i++) {
				warmUp.put("echauffement-" + i + ".pdf", pdf);
			}
			client.awaitCompleted(client.submit(warmUp, List.of("level", level)).headers().firstValue("Location")
				.orElseThrow(), Duration.ofMinutes(10));
			String engineLoad = load();

			Map<String, byte[]> files = new LinkedHashMap<>();
			for (int i = 0; i < documents; i++) {
				files.put("bulletin-" + i + ".pdf", pdf);
			}
			Instant posted = Instant.now();
			long start = System.nanoTime();
			HttpResponse<byte[]> accepted = client.submit(files, List.of("level", level));
			double submission = (System.nanoTime() - start) / 1e9;
			Instant submitted = Instant.now();
			assertThat(accepted.statusCode()).isEqualTo(202);
			JsonNode status = client.awaitCompleted(accepted.headers().firstValue("Location").orElseThrow(),
					Duration.ofMinutes(30));
			String jobLoad = load();
			assertThat(status.get("done").asInt()).isEqualTo(documents);
			// The job's own times, not the poll's (every 200 ms): end to end from the POST to the job's finishedAt;
			// the worker from the POST's answer (the worker is woken before it) to the last document recorded.
			UUID id = UUID.fromString(status.get("id").asString());
			Instant finished = Instant.parse(status.get("finishedAt").asString());
			Instant lastRecorded = jdbc.sql("SELECT MAX(sealed_at) FROM seal_job_document WHERE job_id = ?")
				.param(id)
				.query(java.sql.Timestamp.class)
				.single()
				.toInstant();
			double job = documents / seconds(posted, finished);
			double worker = documents / seconds(submitted, lastRecorded);
			lines.add(String.format(Locale.ROOT, "| %s | %.1f | %s | %.1f | %.1f | %s | %.0f %% | %.1f | %.0f %% |", level,
					engine, engineLoad, job, submission, jobLoad, 100 * job / engine, worker, 100 * worker / engine));
		}
		lines.forEach(System.out::println);
		Path work = Files.createDirectories(Path.of("target", "bench-seal-job"));
		Files.write(work.resolve("result.md"), lines);
	}

	/** Seals per second of the engine alone, {@code threads} at once, for about {@code seconds}. */
	private double engineRate(byte[] pdf, IssuedCertificate certificate, SignatureParameters parameters, int threads,
			double seconds) throws Exception {
		for (int i = 0; i < 20; i++) {
			signer.sign(pdf, keys.of(certificate), parameters);
		}
		AtomicLong count = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long end = System.nanoTime() + (long) (seconds * 1e9);
		long start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			pool.execute(() -> {
				while (System.nanoTime() < end) {
					signer.sign(pdf, keys.of(certificate), parameters);
					count.incrementAndGet();
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.MINUTES);
		return count.get() / ((System.nanoTime() - start) / 1e9);
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e9;
	}

	private static String load() throws Exception {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

}
