package fr.paraphe.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.validation.TestSigner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: a benchmark, run on demand by {@code bench/signing.sh firms} (its name escapes Surefire's includes).
 * <p>
 * Seals per second through {@code POST /api/v1/seals} (wrk, 8 connections) of ONE firm (all 8 connections on one
 * API key) beside EIGHT firms (one key per connection), at B-B and B-LT, in the same run against the same server:
 * reserve, sign, settle lets one firm's seals run in parallel, so one firm should reach at least 80 % of eight
 * firms' rate. The database is the test one: in-memory H2, or PostgreSQL with {@code -Dparaphe.test.db.url}.
 * {@code -Dbench.seconds} per phase (default 15), a warm-up until the JIT settles (see
 * {@link #warmUntilTheJitSettles}), {@code -Dbench.order} (default {@code alternate}: one, eight, eight, one).
 * See docs/benchmarks-signing.md.
 */
@ParapheIntegrationTest
class SealFirmsBenchmark extends SealingTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void oneFirmBesideEightFirms() throws Exception {
		int seconds = Integer.getInteger("bench.seconds", 15);
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			keys.add(firmKey(i));
		}
		Path work = Files.createDirectories(Path.of("target", "bench-firms"));
		Path script = Path.of("bench", "seal-keys.lua").toAbsolutePath();
		String boundary = "paraphebench";
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT, "| level | 1 firm, 8 conn. | 8 firms, 8 conn. | ratio | load average |"));
		lines.add("| --- | --- | --- | --- | --- |");
		for (String level : List.of("B-B", "B-LT")) {
			Path body = work.resolve("body-" + level);
			Files.write(body, multipart(boundary, level, TestSigner.document("Attestation de mission")));
			// Warm-up until the JIT settles (eight firms and the one firm in turn, whose caches are cold otherwise),
			// then the phases in the order one, eight, eight, one, each rate the mean of its two phases: whatever
			// drifts during a run (the JIT; on PostgreSQL until 2026-12-02 a plan that slowed with each firm's ledger,
			// see docs/benchmarks-signing.md) then weighs on both kinds alike, where measuring one firm always first
			// (as before 2026-12-01) put it all on one firm. -Dbench.order=one-first or eight-first measure each
			// once, in that order.
			warmUntilTheJitSettles(script, body, boundary, keys, level, work);
			String order = System.getProperty("bench.order", "alternate");
			double one;
			double eight;
			if (order.equals("alternate")) {
				double one1 = wrk(script, body, boundary, keys.subList(0, 1), seconds, work.resolve("one-" + level));
				double eight1 = wrk(script, body, boundary, keys.subList(1, 9), seconds, work.resolve("eight-" + level));
				double eight2 = wrk(script, body, boundary, keys.subList(1, 9), seconds, work.resolve("eight2-" + level));
				double one2 = wrk(script, body, boundary, keys.subList(0, 1), seconds, work.resolve("one2-" + level));
				System.out.printf(Locale.ROOT, "%s: one %.1f then eight %.1f (%.0f %%); eight %.1f then one %.1f (%.0f %%)%n",
						level, one1, eight1, 100 * one1 / eight1, eight2, one2, 100 * one2 / eight2);
				one = (one1 + one2) / 2;
				eight = (eight1 + eight2) / 2;
			}
			else {
				boolean eightFirst = order.equals("eight-first");
				double first = wrk(script, body, boundary, eightFirst ? keys.subList(1, 9) : keys.subList(0, 1), seconds,
						work.resolve((eightFirst ? "eight-" : "one-") + level));
				double second = wrk(script, body, boundary, eightFirst ? keys.subList(0, 1) : keys.subList(1, 9), seconds,
						work.resolve((eightFirst ? "one-" : "eight-") + level));
				one = eightFirst ? second : first;
				eight = eightFirst ? first : second;
			}
			lines.add(String.format(Locale.ROOT, "| %s | %.1f/s | %.1f/s | %.0f %% | %s |", level, one, eight,
					100 * one / eight, BenchUsage.loadAverage()));
		}
		lines.forEach(System.out::println);
		Files.write(work.resolve("result.md"), lines);
	}

	/**
	 * Warm-up rounds of {@code -Dbench.warmup} seconds (default 5), eight firms then the one firm, until the JIT
	 * settles ({@link BenchUsage#warmUntilTheJitSettles}).
	 */
	private void warmUntilTheJitSettles(Path script, Path body, String boundary, List<String> keys, String level,
			Path work) throws Exception {
		int round = Integer.getInteger("bench.warmup", 5);
		String warmUp = BenchUsage.warmUntilTheJitSettles(i -> {
			boolean eight = i % 2 == 0;
			wrk(script, body, boundary, eight ? keys.subList(1, 9) : keys.subList(0, 1), round,
					work.resolve((eight ? "warm-" : "warm-one-") + level));
		});
		System.out.printf(Locale.ROOT, "%s warm-up: %s%n", level, warmUp);
	}

	private String firmKey(int i) {
		Owner sealing = firmWithSeal("bench", "Bruno Banc " + i, "Cabinet Banc " + i, "50000");
		User owner = sealing.user();
		FirmId firm = sealing.firm();
		return apiKeys.create(owner.id(), firm, "Banc d'essai").secret();
	}

	/**
	 * Runs wrk with 8 threads and 8 connections, connection i using key i modulo the keys; seals per second, printed
	 * with what the machine and this JVM did meanwhile.
	 */
	private double wrk(Path script, Path body, String boundary, List<String> keys, int seconds, Path output)
			throws Exception {
		BenchUsage before = BenchUsage.now(jdbc);
		double rate = rate(script, body, boundary, keys, seconds, output);
		System.out.println("  " + output.getFileName() + ": " + BenchUsage.now(jdbc).since(before, rate, "seal"));
		return rate;
	}

	private double rate(Path script, Path body, String boundary, List<String> keys, int seconds, Path output)
			throws Exception {
		ProcessBuilder wrk = new ProcessBuilder("wrk", "-t8", "-c8", "-d" + seconds + "s", "--timeout", "120s", "-s", script.toString(),
				"http://127.0.0.1:" + port + "/api/v1/seals")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		wrk.environment().put("BODY", body.toAbsolutePath().toString());
		wrk.environment().put("TYPE", "multipart/form-data; boundary=" + boundary);
		wrk.environment().put("KEYS", String.join(",", keys));
		assertThat(wrk.start().waitFor()).isZero();
		String report = Files.readString(output);
		Matcher refused = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(report);
		// wrk prints the duration in seconds, or in minutes from one minute on ("4924 requests in 1.00m").
		Matcher requests = Pattern.compile("(\\d+) requests in ([0-9.]+)(s|m)").matcher(report);
		assertThat(requests.find()).isTrue();
		// Sealed documents per second: answers that were not a sealed PDF (a 503 when the firm's account stayed
		// busy longer than paraphe.billing.lock-wait) are not counted, and are reported.
		long failed = refused.find() ? Long.parseLong(refused.group(1)) : 0;
		if (failed > 0) {
			System.out.println(output.getFileName() + ": " + failed + " answers were not 200");
		}
		return (Long.parseLong(requests.group(1)) - failed)
				/ (Double.parseDouble(requests.group(2)) * (requests.group(3).equals("m") ? 60 : 1));
	}

	private static byte[] multipart(String boundary, String level, byte[] pdf) throws Exception {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"level\"\r\n\r\n" + level + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doc.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(pdf);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

}
