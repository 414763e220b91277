package fr.paraphe.signing;

import java.io.ByteArrayOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
					100 * one / eight, loadAverage()));
		}
		lines.forEach(System.out::println);
		Files.write(work.resolve("result.md"), lines);
	}

	/**
	 * Warm-up rounds of {@code -Dbench.warmup} seconds (default 5), eight firms then the one firm, until two rounds in
	 * a row in which the JIT's compiler threads used less than {@code -Dbench.jit-settled} of a core (default 0.10)
	 * or {@code -Dbench.warmup-max} seconds (default 180) have passed: on this 2-core machine, saturated by the load,
	 * the compilers used 0.15-0.35 of a core for the first two to three minutes, so that a fixed 5-second warm-up left
	 * the first phases measured while they still compiled. The compilers' CPU, not the JVM's compilation time: that
	 * one is wall time, and on an oversubscribed machine it counts the compiler threads' waits for a core (1-2 s per
	 * second through a whole run, which a JFR recording of 2026-12-01 read as a compiler busy all the time).
	 */
	private void warmUntilTheJitSettles(Path script, Path body, String boundary, List<String> keys, String level,
			Path work) throws Exception {
		int round = Integer.getInteger("bench.warmup", 5);
		int max = Integer.getInteger("bench.warmup-max", 180);
		double settled = Double.parseDouble(System.getProperty("bench.jit-settled", "0.10"));
		int quietRounds = 0;
		int elapsed = 0;
		List<String> compiling = new ArrayList<>();
		for (int i = 0; quietRounds < 2 && elapsed < max; i++) {
			boolean eight = i % 2 == 0;
			long before = compilerCpuTicks();
			long start = System.nanoTime();
			wrk(script, body, boundary, eight ? keys.subList(1, 9) : keys.subList(0, 1), round,
					work.resolve((eight ? "warm-" : "warm-one-") + level));
			double share = (compilerCpuTicks() - before) / 100.0 / ((System.nanoTime() - start) / 1e9);
			quietRounds = share < settled ? quietRounds + 1 : 0;
			elapsed += round;
			compiling.add(String.format(Locale.ROOT, "%.2f", share));
		}
		System.out.printf(Locale.ROOT, "%s warm-up: %d s in %d rounds, %s; cores used by the JIT's compilers per round: %s%n",
				level, elapsed, compiling.size(), quietRounds == 2 ? "settled" : "NOT settled (bench.warmup-max reached)",
				String.join(" ", compiling));
	}

	/** The CPU clock ticks (user and system) of this JVM's C1 and C2 compiler threads so far (Linux). */
	private static long compilerCpuTicks() throws java.io.IOException {
		long ticks = 0;
		try (var threads = Files.list(Path.of("/proc/self/task"))) {
			for (Path thread : threads.toList()) {
				try {
					String stat = Files.readString(thread.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					if (name.matches("C[12] CompilerThre.*")) {
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					}
				}
				catch (java.io.IOException | RuntimeException gone) {
					// The thread ended meanwhile (compiler threads come and go with the queue's length).
				}
			}
		}
		return ticks;
	}

	private String firmKey(int i) {
		Owner sealing = firmWithSeal("bench", "Bruno Banc " + i, "Cabinet Banc " + i, "50000");
		User owner = sealing.user();
		FirmId firm = sealing.firm();
		return apiKeys.create(owner.id(), firm, "Banc d'essai").secret();
	}

	/**
	 * What the machine and this JVM did during one phase, printed beside its rate so that a phase much slower than
	 * its neighbours can be told apart: this process starved (the machine's busy cores taken by others), waiting
	 * (cores idle), collecting garbage or compiling.
	 */
	private record Usage(long nanos, long processCpuNanos, long gcMillis, long jitMillis, long machineBusy, long machineTotal,
			long postgresTicks, long[] transactions, long compilerTicks) {

		static Usage now(JdbcClient jdbc) throws Exception {
			long gc = 0;
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				gc += Math.max(0, collector.getCollectionTime());
			}
			// The first line of /proc/stat: the machine's time in jiffies (user nice system idle iowait irq softirq steal).
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i <= 8 && i < cpu.length; i++) {
				total += Long.parseLong(cpu[i]);
			}
			long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
			return new Usage(System.nanoTime(),
					((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(),
					gc, ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), total - idle, total,
					postgresTicksNow(), transactions(jdbc), compilerCpuTicks());
		}

		/**
		 * The database's committed and rolled-back transactions so far, on PostgreSQL ({@code pg_stat_database}, which
		 * its backends update within a second or so); zeros on H2. A rollback is mostly a reservation refused by its
		 * short lock wait and tried again.
		 */
		static long[] transactions(JdbcClient jdbc) {
			try {
				return jdbc.sql("SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()")
					.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
					.single();
			}
			catch (org.springframework.dao.DataAccessException h2) {
				return new long[2];
			}
		}

		/** User and system clock ticks of every PostgreSQL process of this machine (0 without one). */
		static long postgresTicksNow() {
			long ticks = 0;
			try (var processes = Files.list(Path.of("/proc"))) {
				for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
					try {
						String stat = Files.readString(process.resolve("stat"));
						int end = stat.lastIndexOf(')');
						if (!stat.substring(stat.indexOf('(') + 1, end).startsWith("postgres")) {
							continue;
						}
						// After the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime.
						String[] fields = stat.substring(end + 2).split(" ");
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					}
					catch (java.io.IOException | RuntimeException gone) {
						// The process ended meanwhile.
					}
				}
			}
			catch (java.io.IOException unreadable) {
				return 0;
			}
			return ticks;
		}

		String since(Usage before, double rate) throws Exception {
			double seconds = (nanos - before.nanos) / 1e9;
			double cores = Runtime.getRuntime().availableProcessors();
			double machine = cores * (this.machineBusy - before.machineBusy) / Math.max(1, machineTotal - before.machineTotal);
			double process = (processCpuNanos - before.processCpuNanos) / 1e9 / seconds;
			return String.format(Locale.ROOT,
					"%.1f/s; cores busy: machine %.2f, this JVM %.2f (%.2f ms CPU per seal), PostgreSQL %.2f (%.1f commits, %.2f rollbacks per seal); GC %d ms, JIT %d ms (compilers %.2f cores); load %s",
					rate, machine, process, process * 1000 / Math.max(rate, 0.001),
					(postgresTicks - before.postgresTicks) / 100.0 / seconds,
					(transactions[0] - before.transactions[0]) / Math.max(rate * seconds, 1),
					(transactions[1] - before.transactions[1]) / Math.max(rate * seconds, 1), gcMillis - before.gcMillis,
					jitMillis - before.jitMillis, (compilerTicks - before.compilerTicks) / 100.0 / seconds, loadAverage());
		}

	}

	/**
	 * Runs wrk with 8 threads and 8 connections, connection i using key i modulo the keys; seals per second, printed
	 * with what the machine and this JVM did meanwhile.
	 */
	private double wrk(Path script, Path body, String boundary, List<String> keys, int seconds, Path output)
			throws Exception {
		Usage before = Usage.now(jdbc);
		double rate = rate(script, body, boundary, keys, seconds, output);
		System.out.println("  " + output.getFileName() + ": " + Usage.now(jdbc).since(before, rate));
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

	private static String loadAverage() throws Exception {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

}
