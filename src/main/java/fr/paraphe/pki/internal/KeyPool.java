package fr.paraphe.pki.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.KeyStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Key pairs generated in the background, so that issuing a certificate never waits for a key generation
 * (seconds for RSA-3072). The pool lives in the database: any node fills it, any node takes from it, and a
 * key is taken by deleting its row, which only one taker can do. An empty pool falls back to generating
 * on the spot.
 */
public class KeyPool {

	private static final Logger log = LoggerFactory.getLogger(KeyPool.class);

	private final JdbcClient jdbc;

	private final KeyStore keyStore;

	private final Set<KeyAlgorithm> algorithms;

	private final int target;

	private final Clock clock;

	public KeyPool(JdbcClient jdbc, KeyStore keyStore, Set<KeyAlgorithm> algorithms, int target, Clock clock) {
		this.jdbc = jdbc;
		this.keyStore = keyStore;
		this.algorithms = algorithms.isEmpty() ? EnumSet.noneOf(KeyAlgorithm.class) : EnumSet.copyOf(algorithms);
		this.target = target;
		this.clock = clock;
	}

	/** A key of {@code algorithm}, from the pool when it has one, else generated now. Never null. */
	public KeyHandle take(KeyAlgorithm algorithm) {
		return claim(algorithm).orElseGet(() -> keyStore.generate(algorithm));
	}

	/** A pooled key, if one is left; the key is this caller's alone. */
	Optional<KeyHandle> claim(KeyAlgorithm algorithm) {
		for (int attempt = 0; attempt < 5; attempt++) {
			List<UUID> candidates = jdbc.sql("SELECT key_id FROM pki_key_pool WHERE algorithm = :algorithm ORDER BY created_at LIMIT 8")
				.param("algorithm", algorithm.name())
				.query(UUID.class)
				.list();
			if (candidates.isEmpty()) {
				return Optional.empty();
			}
			// Start at a random candidate so that concurrent takers rarely race for the same row.
			int start = (int) (Math.random() * candidates.size());
			for (int i = 0; i < candidates.size(); i++) {
				UUID id = candidates.get((start + i) % candidates.size());
				if (jdbc.sql("DELETE FROM pki_key_pool WHERE key_id = :id").param("id", id).update() == 1) {
					return Optional.of(new KeyHandle(id, algorithm));
				}
			}
		}
		return Optional.empty();
	}

	/** How many keys of {@code algorithm} wait in the pool. */
	public int size(KeyAlgorithm algorithm) {
		return jdbc.sql("SELECT COUNT(*) FROM pki_key_pool WHERE algorithm = :algorithm")
			.param("algorithm", algorithm.name())
			.query(Integer.class)
			.single();
	}

	/**
	 * Tops the pool up to {@code paraphe.pki.key-pool-size} keys per end-entity algorithm. Run by
	 * {@link PkiJobs} on one node at a time.
	 */
	public void fill() {
		for (KeyAlgorithm algorithm : algorithms) {
			try {
				fill(algorithm, target);
			}
			catch (RuntimeException failure) {
				log.error("Could not fill the key pool with {} keys", algorithm, failure);
			}
		}
	}

	/** Generates keys until {@code count} of {@code algorithm} wait in the pool. */
	public void fill(KeyAlgorithm algorithm, int count) {
		int missing = count - size(algorithm);
		for (int i = 0; i < missing; i++) {
			KeyHandle key = keyStore.generate(algorithm);
			jdbc.sql("INSERT INTO pki_key_pool (key_id, algorithm, created_at) VALUES (:id, :algorithm, :now)")
				.param("id", key.id())
				.param("algorithm", algorithm.name())
				.param("now", Timestamp.from(clock.instant()))
				.update();
		}
	}

}
