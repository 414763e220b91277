package fr.paraphe.pki.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyPoolTests {

	@Test
	void concurrentTakersNeverGetTheSameKey() throws Exception {
		TestDatabase database = TestDatabase.create();
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		SoftwareKeyStore store = new SoftwareKeyStore(database.jdbc(), new MasterKey(raw), Clock.systemUTC());
		KeyPool pool = new KeyPool(database.jdbc(), store, Set.of(KeyAlgorithm.EC_P256), 40, Clock.systemUTC());
		pool.fill();
		assertThat(pool.size(KeyAlgorithm.EC_P256)).isEqualTo(40);

		ExecutorService executor = Executors.newFixedThreadPool(4);
		List<Future<List<KeyHandle>>> takers = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			Callable<List<KeyHandle>> taker = () -> {
				List<KeyHandle> taken = new ArrayList<>();
				for (int i = 0; i < 15; i++) {
					taken.add(pool.take(KeyAlgorithm.EC_P256));
				}
				return taken;
			};
			takers.add(executor.submit(taker));
		}
		Set<KeyHandle> all = new HashSet<>();
		for (Future<List<KeyHandle>> taker : takers) {
			all.addAll(taker.get());
		}
		executor.shutdown();
		// 60 keys taken, all distinct: 40 from the pool, 20 generated when it ran dry.
		assertThat(all).hasSize(60);
		assertThat(pool.size(KeyAlgorithm.EC_P256)).isZero();
		for (KeyHandle key : all) {
			assertThat(store.publicKey(key)).isNotNull();
		}
	}

}
