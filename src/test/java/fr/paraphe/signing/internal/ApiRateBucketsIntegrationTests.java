package fr.paraphe.signing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.shared.TokenBuckets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: all of one API key's requests take their token from one row, so a take is one conditional update
 * (refill, take, return what is left) instead of a locked read and a write. Concurrent takes of one key still count
 * exactly, on H2 and on PostgreSQL.
 */
@ParapheIntegrationTest
class ApiRateBucketsIntegrationTests {

	@Autowired
	ApiRateBuckets buckets;

	@Test
	void concurrentTakesOfOneKeyGetTheQuotaExactlyAndEachItsOwnRemainingCount() throws Exception {
		String key = "test-" + UUID.randomUUID();
		int quota = 40;
		long now = 1_000_000_000L;
		ExecutorService threads = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<TokenBuckets.Take>> takes = new ArrayList<>();
		try {
			for (int i = 0; i < 64; i++) {
				takes.add(threads.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					return buckets.takeToken(key, quota, now);
				}));
			}
			start.countDown();
			List<TokenBuckets.Take> granted = new ArrayList<>();
			List<TokenBuckets.Take> refused = new ArrayList<>();
			for (Future<TokenBuckets.Take> take : takes) {
				TokenBuckets.Take done = take.get(120, TimeUnit.SECONDS);
				(done.waitMillis() == 0 ? granted : refused).add(done);
			}

			assertThat(granted).hasSize(quota);
			assertThat(granted.stream().map(TokenBuckets.Take::remaining).sorted().toList())
				.isEqualTo(IntStream.range(0, quota).boxed().toList());
			// 40 a minute: the next token comes 1.5 s after the bucket was emptied.
			assertThat(refused).hasSize(24).allSatisfy(take -> assertThat(take.waitMillis()).isEqualTo(1500));
			assertThat(buckets.takeToken(key, quota, now + 1499).waitMillis()).isBetween(1L, 2L);
			assertThat(buckets.takeToken(key, quota, now + 1500).waitMillis()).isZero();
			assertThat(buckets.takeToken(key, quota, now + 1500).waitMillis()).isEqualTo(1500);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aNewKeyStartsFullAndAnIdleOneFillsUpToItsQuotaOnly() {
		String key = "test-" + UUID.randomUUID();
		long now = 2_000_000_000L;
		assertThat(buckets.takeToken(key, 3, now)).isEqualTo(new TokenBuckets.Take(0, 2, 20_000));
		assertThat(buckets.takeToken(key, 3, now)).isEqualTo(new TokenBuckets.Take(0, 1, 40_000));
		assertThat(buckets.takeToken(key, 3, now)).isEqualTo(new TokenBuckets.Take(0, 0, 60_000));
		assertThat(buckets.takeToken(key, 3, now).waitMillis()).isEqualTo(20_000);
		// An hour idle: full again (3), not 180 tokens.
		assertThat(buckets.takeToken(key, 3, now + 3_600_000)).isEqualTo(new TokenBuckets.Take(0, 2, 20_000));
	}

}
