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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: a benchmark, run on demand by {@code bench/signing.sh firms} (its name escapes Surefire's includes).
 * <p>
 * Seals per second through {@code POST /api/v1/seals} (wrk, 8 connections) of ONE firm (all 8 connections on one
 * API key) beside EIGHT firms (one key per connection), at B-B and B-LT, in the same run against the same server:
 * reserve, sign, settle lets one firm's seals run in parallel, so one firm should reach at least 80 % of eight
 * firms' rate. The database is the test one: in-memory H2, or PostgreSQL with {@code -Dparaphe.test.db.url}.
 * {@code -Dbench.seconds} per run (default 15). See docs/benchmarks-signing.md.
 */
@ParapheIntegrationTest
class SealFirmsBenchmark extends SealingTest {

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
			// Warm-up, then one firm and eight firms, one after the other.
			wrk(script, body, boundary, keys.subList(1, 9), 5, work.resolve("warm-" + level));
			double one = wrk(script, body, boundary, keys.subList(0, 1), seconds, work.resolve("one-" + level));
			double eight = wrk(script, body, boundary, keys.subList(1, 9), seconds, work.resolve("eight-" + level));
			lines.add(String.format(Locale.ROOT, "| %s | %.1f/s | %.1f/s | %.0f %% | %s |", level, one, eight,
					100 * one / eight, loadAverage()));
		}
		lines.forEach(System.out::println);
		Files.write(work.resolve("result.md"), lines);
	}

	private String firmKey(int i) {
		Owner sealing = firmWithSeal("bench", "Bruno Banc " + i, "Cabinet Banc " + i, "50000");
		User owner = sealing.user();
		FirmId firm = sealing.firm();
		return apiKeys.create(owner.id(), firm, "Banc d'essai").secret();
	}

	/** Runs wrk with 8 threads and 8 connections, connection i using key i modulo the keys; seals per second. */
	private double wrk(Path script, Path body, String boundary, List<String> keys, int seconds, Path output)
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
		Matcher requests = Pattern.compile("(\\d+) requests in ([0-9.]+)s").matcher(report);
		assertThat(requests.find()).isTrue();
		// Sealed documents per second: answers that were not a sealed PDF (a 503 when the firm's account stayed
		// busy longer than paraphe.billing.lock-wait) are not counted, and are reported.
		long failed = refused.find() ? Long.parseLong(refused.group(1)) : 0;
		if (failed > 0) {
			System.out.println(output.getFileName() + ": " + failed + " answers were not 200");
		}
		return (Long.parseLong(requests.group(1)) - failed) / Double.parseDouble(requests.group(2));
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

	private static String loadAverage() throws Exception {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

}
