package fr.paraphe.signing;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the machine and this JVM did during a benchmark's phase (Linux), printed beside its rate so that a phase much
 * slower than its neighbours can be told apart: this process starved (the machine's busy cores taken by others),
 * waiting (cores idle), collecting garbage or compiling. Shared by the benchmarks {@link SealFirmsBenchmark} and
 * {@link SealJobBenchmark}.
 */
record BenchUsage(long nanos, long processCpuNanos, long gcMillis, long jitMillis, long machineBusy, long machineTotal,
		long postgresTicks, long[] transactions, long compilerTicks) {

	static BenchUsage now(JdbcClient jdbc) throws Exception {
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
		return new BenchUsage(System.nanoTime(), processCpuNow(), gc, ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), total - idle, total,
				postgresTicksNow(), transactions(jdbc), compilerCpuTicks());
	}

	/** The CPU time of the whole JVM so far, in nanoseconds. */
	static long processCpuNow() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	/** The seconds between {@code before} and this. */
	double secondsSince(BenchUsage before) {
		return (nanos - before.nanos) / 1e9;
	}

	/**
	 * The database's committed and rolled-back transactions so far, on PostgreSQL ({@code pg_stat_database}, which its
	 * backends update within a second or so); zeros on H2. A rollback is mostly a reservation refused by its short
	 * lock wait and tried again.
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

	/**
	 * The CPU clock ticks (user and system) of this JVM's C1 and C2 compiler threads so far. Their CPU, not the JVM's
	 * compilation time: that one is wall time, and on an oversubscribed machine it counts the compiler threads' waits
	 * for a core.
	 */
	static long compilerCpuTicks() throws java.io.IOException {
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

	/** One warm-up round of a benchmark, {@code i} from 0. */
	interface Round {

		void run(int i) throws Exception;

	}

	/**
	 * Warm-up rounds until two rounds in a row in which the JIT's compiler threads used less than
	 * {@code -Dbench.jit-settled} of a core (default 0.10), or {@code -Dbench.warmup-max} seconds (default 180): on this
	 * 2-core machine, saturated by the load, the compilers used 0.15-0.35 of a core for the first two to three minutes,
	 * so that a fixed warm-up left the first phases measured while they still compiled (docs/benchmarks-signing.md,
	 * 2026-12-02).
	 * @return what the warm-up took, and the compilers' cores per round
	 */
	static String warmUntilTheJitSettles(Round round) throws Exception {
		double max = Integer.getInteger("bench.warmup-max", 180);
		double settled = Double.parseDouble(System.getProperty("bench.jit-settled", "0.10"));
		int quietRounds = 0;
		long start = System.nanoTime();
		java.util.List<String> compiling = new java.util.ArrayList<>();
		for (int i = 0; quietRounds < 2 && (System.nanoTime() - start) / 1e9 < max; i++) {
			long ticks = compilerCpuTicks();
			long roundStart = System.nanoTime();
			round.run(i);
			double share = (compilerCpuTicks() - ticks) / 100.0 / ((System.nanoTime() - roundStart) / 1e9);
			quietRounds = share < settled ? quietRounds + 1 : 0;
			compiling.add(String.format(Locale.ROOT, "%.2f", share));
		}
		return String.format(Locale.ROOT, "%.0f s in %d rounds, %s; cores used by the JIT's compilers per round: %s",
				(System.nanoTime() - start) / 1e9, compiling.size(),
				quietRounds == 2 ? "settled" : "NOT settled (bench.warmup-max reached)", String.join(" ", compiling));
	}

	/**
	 * Per thread of this JVM, Java's and the VM's own (the JIT's compilers, the GC), by its name as Linux knows it
	 * (15 characters; threads of one name summed): the nanoseconds it has run on a core and waited for one
	 * ({@code /proc/self/task/}*{@code /schedstat}).
	 */
	static Map<String, long[]> threadTimes() throws java.io.IOException {
		Map<String, long[]> times = new java.util.TreeMap<>();
		try (var threads = Files.list(Path.of("/proc/self/task"))) {
			for (Path thread : threads.toList()) {
				try {
					String name = Files.readString(thread.resolve("comm")).trim();
					String[] schedstat = Files.readString(thread.resolve("schedstat")).trim().split(" ");
					long[] sum = times.computeIfAbsent(name, n -> new long[2]);
					sum[0] += Long.parseLong(schedstat[0]);
					sum[1] += Long.parseLong(schedstat[1]);
				}
				catch (java.io.IOException | RuntimeException gone) {
					// The thread ended meanwhile.
				}
			}
		}
		return times;
	}

	/**
	 * The {@code limit} threads that ran longest between two {@link #threadTimes()}, with how long they ran and waited
	 * for a core meanwhile: "name ran/waited ms" (a thread that waits a long time for a core shares it with others).
	 */
	static String busiestThreads(Map<String, long[]> before, Map<String, long[]> after, int limit) {
		return after.entrySet()
			.stream()
			.map(entry -> {
				long[] then = before.getOrDefault(entry.getKey(), new long[2]);
				return Map.entry(entry.getKey(), new long[] { entry.getValue()[0] - then[0], entry.getValue()[1] - then[1] });
			})
			.sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
			.limit(limit)
			.map(entry -> String.format(Locale.ROOT, "%s %.0f/%.0f", entry.getKey(), entry.getValue()[0] / 1e6,
					entry.getValue()[1] / 1e6))
			.collect(java.util.stream.Collectors.joining(", "));
	}

	static String loadAverage() throws Exception {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	/** The cores the JIT's compilers used since {@code before}. */
	double compilerCoresSince(BenchUsage before) {
		return (compilerTicks - before.compilerTicks) / 100.0 / secondsSince(before);
	}

	/** What happened since {@code before}, at {@code rate} items (seals, documents) a second meanwhile. */
	String since(BenchUsage before, double rate, String item) throws Exception {
		double seconds = secondsSince(before);
		double count = rate * seconds;
		double cores = Runtime.getRuntime().availableProcessors();
		double machine = cores * (this.machineBusy - before.machineBusy) / Math.max(1, machineTotal - before.machineTotal);
		double process = (processCpuNanos - before.processCpuNanos) / 1e9 / seconds;
		return String.format(Locale.ROOT,
				"%.1f/s; cores busy: machine %.2f, this JVM %.2f (%.2f ms CPU per %s), PostgreSQL %.2f (%.2f ms CPU, %.2f commits, %.2f rollbacks per %s); GC %d ms, JIT %d ms (compilers %.2f cores); load %s",
				rate, machine, process, process * 1000 / Math.max(rate, 0.001), item,
				(postgresTicks - before.postgresTicks) / 100.0 / seconds,
				(postgresTicks - before.postgresTicks) * 10.0 / Math.max(count, 1),
				(transactions[0] - before.transactions[0]) / Math.max(count, 1),
				(transactions[1] - before.transactions[1]) / Math.max(count, 1), item, gcMillis - before.gcMillis,
				jitMillis - before.jitMillis, compilerCoresSince(before), loadAverage());
	}

}
