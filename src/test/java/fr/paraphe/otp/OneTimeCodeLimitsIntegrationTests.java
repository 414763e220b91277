package fr.paraphe.otp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import fr.paraphe.MutableClock;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.otp.OneTimeCodes.Check;
import fr.paraphe.otp.OneTimeCodes.Issued;
import fr.paraphe.otp.OneTimeCodes.Purpose;
import fr.paraphe.otp.OneTimeCodes.Verdict;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Per person and purpose, across codes (ASVS 5.0 §6.5, §6.6): how many codes are sent and how many wrong tries
 * are allowed, counted under a row lock so that concurrent requests cannot slip past the limits.
 */
@ParapheIntegrationTest
class OneTimeCodeLimitsIntegrationTests {

	private static final Purpose PURPOSE = new Purpose("test.limits", Duration.ofMinutes(10), 5);

	@Autowired
	OneTimeCodes codes;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aHundredCodeRequestsInASecondGiveAtMostTheAllowedSends() throws Exception {
		UUID owner = UUID.randomUUID();
		AtomicInteger sent = new AtomicInteger();
		Map<Class<?>, Integer> refusals = new ConcurrentHashMap<>();
		List<Duration> waits = java.util.Collections.synchronizedList(new ArrayList<>());
		concurrently(100, () -> {
			try {
				transactions.executeWithoutResult(status -> codes.issue(PURPOSE, UUID.randomUUID(), owner));
				sent.incrementAndGet();
			}
			catch (OneTimeCodes.TooSoon tooSoon) {
				waits.add(tooSoon.waitTime());
				refusals.merge(tooSoon.getClass(), 1, Integer::sum);
			}
		});

		assertThat(sent.get()).isEqualTo(1);
		assertThat(refusals).containsEntry(OneTimeCodes.TooSoon.class, 99);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM otp_code WHERE owner_id = ?").param(owner).query(Integer.class).single())
			.isEqualTo(1);
		assertThat(waits).allSatisfy(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
	}

	@Test
	void codesAreLimitedToOneAMinuteFiveAnHourTenADayWithTheWaitToldInFrench() {
		UUID owner = UUID.randomUUID();
		MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
		OneTimeCodes timed = codes.at(clock);
		timed.issue(PURPOSE, UUID.randomUUID(), owner);
		clock.advance(Duration.ofSeconds(20));
		assertThatThrownBy(() -> timed.issue(PURPOSE, UUID.randomUUID(), owner))
			.isInstanceOfSatisfying(OneTimeCodes.TooSoon.class, tooSoon -> {
				assertThat(tooSoon.waitTime()).isEqualTo(Duration.ofSeconds(40));
				assertThat(tooSoon.getStatusCode().value()).isEqualTo(429);
				assertThat(tooSoon.messageKey()).isEqualTo("otp.wait.minutes");
				assertThat(tooSoon.arguments()).containsExactly(1L);
			});
		for (int i = 0; i < 4; i++) {
			clock.advance(Duration.ofMinutes(1));
			timed.issue(PURPOSE, UUID.randomUUID(), owner);
		}
		clock.advance(Duration.ofMinutes(1));
		// Five in the hour (at 8:00, 8:01, 8:02, 8:03, 8:04): the next when the first is an hour old.
		assertThatThrownBy(() -> timed.issue(PURPOSE, UUID.randomUUID(), owner))
			.isInstanceOfSatisfying(OneTimeCodes.TooSoon.class,
					tooSoon -> assertThat(tooSoon.waitTime()).isEqualTo(Duration.ofMinutes(54).plusSeconds(40)));
		for (int i = 0; i < 5; i++) {
			clock.advance(Duration.ofMinutes(61));
			timed.issue(PURPOSE, UUID.randomUUID(), owner);
		}
		clock.advance(Duration.ofMinutes(61));
		// Ten in the day: the next when the first is a day old.
		assertThatThrownBy(() -> timed.issue(PURPOSE, UUID.randomUUID(), owner))
			.isInstanceOfSatisfying(OneTimeCodes.TooSoon.class, tooSoon -> {
				assertThat(tooSoon.waitTime()).isGreaterThan(Duration.ofHours(2));
				assertThat(tooSoon.messageKey()).isEqualTo("otp.wait.hours");
			});
		// Another person, or another purpose, is not affected.
		timed.issue(PURPOSE, UUID.randomUUID(), UUID.randomUUID());
		timed.issue(new Purpose("test.limits.other", Duration.ofMinutes(10), 5), UUID.randomUUID(), owner);
	}

	@Test
	void thirtySimultaneousWrongGuessesCountThirtyTriesAndBurnTheCodeAfterFive() throws Exception {
		UUID owner = UUID.randomUUID();
		UUID binding = UUID.randomUUID();
		Issued issued = transactions.execute(status -> codes.issue(PURPOSE, binding, owner));
		String wrong = issued.code().equals("000000") ? "111111" : "000000";
		List<Check> checks = java.util.Collections.synchronizedList(new ArrayList<>());
		concurrently(30, () -> checks.add(transactions.execute(status -> codes.check(PURPOSE, binding, wrong))));

		assertThat(checks).hasSize(30).allSatisfy(check -> assertThat(check.counted()).isTrue());
		assertThat(checks).filteredOn(check -> check.verdict() == Verdict.WRONG).hasSize(4);
		Map<String, Object> code = jdbc.sql("SELECT failed_tries, state FROM otp_code WHERE binding = ?")
			.param(binding)
			.query()
			.singleRow();
		assertThat(code).containsEntry("failed_tries", 5).containsEntry("state", "BURNED");
		assertThat(jdbc.sql("SELECT failed_tries FROM otp_guard WHERE purpose = ? AND owner_id = ?")
			.params(PURPOSE.name(), owner)
			.query(Integer.class)
			.single()).isEqualTo(30);

		// A new code gives no new tries: the person's budget for the day is spent, even the right code is refused.
		MutableClock later = new MutableClock(Instant.now().plus(Duration.ofMinutes(2)));
		assertThatThrownBy(() -> codes.at(later).issue(PURPOSE, UUID.randomUUID(), owner))
			.isInstanceOf(OneTimeCodes.TooSoon.class);
	}

	@Test
	void aNewCodeDoesNotResetTheTries() {
		UUID owner = UUID.randomUUID();
		MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
		OneTimeCodes timed = codes.at(clock);
		UUID binding = UUID.randomUUID();
		Issued first = timed.issue(PURPOSE, binding, owner);
		String wrong = first.code().equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 4; i++) {
			assertThat(timed.check(PURPOSE, binding, wrong).verdict()).isEqualTo(Verdict.WRONG);
		}
		clock.advance(Duration.ofMinutes(2));
		Issued second = timed.issue(PURPOSE, binding, owner);
		// Same binding (as when the placement of /signer/{id}/emplacement is posted again): the tries go on; the
		// second code burns after five, and the person's tenth wrong try of the day locks the purpose.
		String wrongAgain = second.code().equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 6; i++) {
			timed.check(PURPOSE, binding, wrongAgain);
		}
		Check locked = timed.check(PURPOSE, binding, second.code());
		assertThat(locked.verdict()).isEqualTo(Verdict.LOCKED);
		assertThat(locked.waitTime()).isPositive();
		// A day later the budget is back.
		clock.advance(Duration.ofDays(1));
		UUID fresh = UUID.randomUUID();
		Issued third = timed.issue(PURPOSE, fresh, owner);
		assertThat(timed.check(PURPOSE, fresh, third.code()).verdict()).isEqualTo(Verdict.ACCEPTED);
	}

	private static void concurrently(int count, Runnable task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 32));
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			futures.add(pool.submit(() -> {
				start.await();
				task.run();
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get(120, TimeUnit.SECONDS);
		}
		pool.shutdown();
	}

}
