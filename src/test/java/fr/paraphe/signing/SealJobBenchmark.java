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
 * the processors by default). Both the engine and the job's path are warmed up until the JIT settles
 * ({@link BenchUsage#warmUntilTheJitSettles}). The load average is written beside every figure, and what the
 * machine, PostgreSQL, the GC and the JIT did during the measured job beside it. See docs/benchmarks.md.
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
		SealJobClient client = SealJobClient.newFirm(context, port, Money.parse("100000"));
		// Warm-ups until the JIT settles may take a hundred jobs per level: 2,000,000 € in the largest credits allowed.
		for (int i = 1; i < 20; i++) {
			context.getBean(fr.paraphe.billing.Billing.class).credit(client.firm, client.owner.id(), Money.parse("100000"));
		}
		IssuedCertificate certificate = seals.certificateFor(client.firm, client.owner.id());

		List<String> lines = new ArrayList<>();
		lines.add("| level | engine in-process (" + threads + " threads), docs/s | load | job of " + documents
				+ " (POST → COMPLETED), docs/s | of which submission, s | load | job / engine | worker (POST answered → last"
				+ " recorded), docs/s | worker / engine | end (last recorded → COMPLETED: manifest), s | CPU ms per"
				+ " document: engine / worker threads / process (POST → COMPLETED) |");
		lines.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
		for (String level : System.getProperty("bench.levels", "B-B,B-LT").split(",")) {
			SignatureParameters parameters = CertifiedNames.apply(certificate,
					new SignatureParameters(SignatureLevel.parse(level).orElseThrow(), null, null, null, null, null, null, 0));
			// The engine warmed up until the JIT settles (2-s rounds), then measured.
			System.out.printf(Locale.ROOT, "%s engine warm-up: %s%n", level, BenchUsage.warmUntilTheJitSettles(
					i -> engineRate(pdf, certificate, parameters, threads, 2)));
			double[] engineRun = engineRate(pdf, certificate, parameters, threads, engineSeconds);
			double engine = engineRun[0];
			String engineLoad = BenchUsage.loadAverage();
			// The job's own path warmed up too (the HTTP upload, the stores, the worker), as the engine is: jobs of
			// the same size (-Dbench.warm-up) until the JIT settles, else it still compiles the job's path during the
			// measured job, on the same two cores (a single warm-up job, until 2026-12-02, left the compilers 1.4 s of
			// CPU within a 1.2-s job).
			Map<String, byte[]> warmUp = new LinkedHashMap<>();
			for (int i = 0; i < Integer.getInteger("bench.warm-up", documents); i++) {
				warmUp.put("echauffement-" + i + ".pdf", pdf);
			}
			System.out.printf(Locale.ROOT, "%s job warm-up: %s%n", level, BenchUsage.warmUntilTheJitSettles(
					i -> client.awaitCompleted(client.submit(warmUp, List.of("level", level)).headers()
						.firstValue("Location")
						.orElseThrow(), Duration.ofMinutes(10))));

			Map<String, byte[]> files = new LinkedHashMap<>();
			for (int i = 0; i < documents; i++) {
				files.put("bulletin-" + i + ".pdf", pdf);
			}
			// Several jobs measured one after the other (-Dbench.jobs, default 3): a job of 1,000 one-page documents
			// lasts under a second, so that one compilation or one concurrent GC cycle weighs on a single measure.
			for (int run = 0; run < Integer.getInteger("bench.jobs", 3); run++) {
				lines.add(measuredJob(client, files, level, engine, engineRun[1], engineLoad));
			}
		}
		lines.forEach(System.out::println);
		Path work = Files.createDirectories(Path.of("target", "bench-seal-job"));
		Files.write(work.resolve("result.md"), lines);
	}

	/** One measured job of {@code files} at {@code level}: its row of the table. */
	private String measuredJob(SealJobClient client, Map<String, byte[]> files, String level, double engine,
			double engineCpuMs, String engineLoad) throws Exception {
		int documents = files.size();
		BenchUsage before = BenchUsage.now(jdbc);
		Instant posted = Instant.now();
		long workerCpu = workerCpu();
		Map<String, long[]> threadTimes = BenchUsage.threadTimes();
		long start = System.nanoTime();
		HttpResponse<byte[]> accepted = client.submit(files, List.of("level", level));
		double submission = (System.nanoTime() - start) / 1e9;
		Instant submitted = Instant.now();
		assertThat(accepted.statusCode()).isEqualTo(202);
		// Polled once a second: the figures come from the job's own times, and each poll reads the job's 1,000
		// documents on the cores the worker needs.
		JsonNode status = client.awaitCompleted(accepted.headers().firstValue("Location").orElseThrow(),
				Duration.ofMinutes(30), Duration.ofSeconds(1));
		double workerCpuMs = (workerCpu() - workerCpu) / 1e6 / documents;
		// Where the process's CPU went during the job, by thread, the VM's own included (printed, not in the table).
		System.out.printf(Locale.ROOT, "threads %s (ran/waited for a core, ms): %s%n", level,
				BenchUsage.busiestThreads(threadTimes, BenchUsage.threadTimes(), 14));
		// The whole window POST → last poll: the machine, PostgreSQL, the GC and the JIT's compilers beside the job.
		BenchUsage after = BenchUsage.now(jdbc);
		double processCpuMs = (after.processCpuNanos() - before.processCpuNanos()) / 1e6 / documents;
		System.out.printf(Locale.ROOT, "usage %s: %s%n", level,
				after.since(before, documents / after.secondsSince(before), "document"));
		String jobLoad = BenchUsage.loadAverage();
		assertThat(status.get("done").asInt()).isEqualTo(documents);
		// The job's own times, not the poll's: end to end from the POST to the job's finishedAt;
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
		// The measured job's window, to cut a flight recording (-DargLine=-XX:StartFlightRecording=…) to it.
		System.out.printf(Locale.ROOT, "window %s %s %s %s%n", level, posted, submitted, finished);
		return String.format(Locale.ROOT,
				"| %s | %.1f | %s | %.1f | %.1f | %s | %.0f %% | %.1f | %.0f %% | %.2f | %.2f / %.2f / %.2f |", level,
				engine, engineLoad, job, submission, jobLoad, 100 * job / engine, worker, 100 * worker / engine,
				seconds(lastRecorded, finished), engineCpuMs, workerCpuMs, processCpuMs);
	}

	/**
	 * Seals per second of the engine alone, {@code threads} at once, for about {@code seconds}, and the process's CPU
	 * milliseconds per seal (what the machine's other load does not change).
	 */
	private double[] engineRate(byte[] pdf, IssuedCertificate certificate, SignatureParameters parameters, int threads,
			double seconds) throws Exception {
		AtomicLong count = new AtomicLong();
		long cpu = BenchUsage.processCpuNow();
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
		double rate = count.get() / ((System.nanoTime() - start) / 1e9);
		return new double[] { rate, (BenchUsage.processCpuNow() - cpu) / 1e6 / count.get() };
	}

	/** The CPU time of the seal-job worker's threads, in nanoseconds. */
	private static long workerCpu() {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(thread -> thread.getName().startsWith("seal-job-"))
			.mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.getId())))
			.sum();
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e9;
	}

}
