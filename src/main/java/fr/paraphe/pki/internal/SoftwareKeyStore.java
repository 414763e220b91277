package fr.paraphe.pki.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.security.auth.DestroyFailedException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;

import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.KeyStore;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The default key store: key pairs generated in this JVM (Bouncy Castle for EC, the JDK for RSA), the
 * private key kept in table {@code pki_key} as PKCS#8 wrapped with AES-256-GCM under the {@link MasterKey}.
 * <p>
 * Unwrapped private keys stay in this object's memory (never returned) so that signing costs no database
 * read, in a bounded cache ({@link KeyCache}: at most so many keys, each dropped after an idle time, so a key
 * used once does not stay in memory for the life of the JVM); an entry older than {@link #RECHECK_MILLIS} checks its row still exists, so a key destroyed on
 * another node stops signing here within that delay.
 */
public class SoftwareKeyStore implements KeyStore {

	static final long RECHECK_MILLIS = 5_000;

	private final JdbcClient jdbc;

	private final MasterKey masterKey;

	private final Clock clock;

	private final Cache<UUID, Loaded> loaded;

	private final AtomicLong evicted = new AtomicLong();

	private record Loaded(PrivateKey key, long checkedAt) {
	}

	/**
	 * How many unwrapped private keys stay in memory, and for how long unused.
	 * @param maxKeys beyond it the least used are dropped
	 * @param idle a key unused for this long is dropped
	 */
	public record KeyCache(@DefaultValue("1000") int maxKeys, @DefaultValue("10m") Duration idle) {

		public static final KeyCache DEFAULT = new KeyCache(1_000, Duration.ofMinutes(10));

		public KeyCache {
			if (maxKeys < 0 || idle == null || idle.isNegative()) {
				throw new IllegalArgumentException("paraphe.pki.key-cache: max-keys ≥ 0 and a positive idle time");
			}
		}

	}

	public SoftwareKeyStore(JdbcClient jdbc, MasterKey masterKey, Clock clock) {
		this(jdbc, masterKey, clock, KeyCache.DEFAULT);
	}

	public SoftwareKeyStore(JdbcClient jdbc, MasterKey masterKey, Clock clock, KeyCache cache) {
		this(jdbc, masterKey, clock, cache, System::nanoTime);
	}

	/** @param nanos the cache's time source (a test moves it) */
	SoftwareKeyStore(JdbcClient jdbc, MasterKey masterKey, Clock clock, KeyCache cache, LongSupplier nanos) {
		this.jdbc = jdbc;
		this.masterKey = masterKey;
		this.clock = clock;
		this.loaded = Caffeine.newBuilder()
			.maximumSize(cache.maxKeys())
			.expireAfterAccess(cache.idle())
			.ticker(nanos::getAsLong)
			// Evicted keys are destroyed on the evicting thread, not left to a pool.
			.executor(Runnable::run)
			.removalListener((UUID id, Loaded entry, RemovalCause cause) -> {
				// A replaced entry is the same key with a fresher check: still in use.
				if (entry != null && cause != RemovalCause.REPLACED) {
					if (cause.wasEvicted()) {
						evicted.incrementAndGet();
					}
					destroy(entry.key());
				}
			})
			.build();
	}

	/**
	 * Forgets a private key as far as the JDK lets us: {@link javax.security.auth.Destroyable#destroy()} where the
	 * key class implements it (PKCS#11 keys, some providers); the JDK's RSA and EC keys and Bouncy Castle's
	 * do not (their {@code destroy} throws {@code DestroyFailedException}, Java 17), so their memory goes with the
	 * last reference, at the next garbage collection. The PKCS#8 bytes they were made from are zeroed at once.
	 */
	private static void destroy(PrivateKey key) {
		try {
			if (!key.isDestroyed()) {
				key.destroy();
			}
		}
		catch (DestroyFailedException | RuntimeException notSupported) {
			// Dropped: unreachable from now on.
		}
	}

	/** Unwrapped keys in memory now (after pending evictions). */
	long cachedKeys() {
		loaded.cleanUp();
		return loaded.estimatedSize();
	}

	/** Keys dropped for size or idleness since start. */
	long evictedKeys() {
		loaded.cleanUp();
		return evicted.get();
	}

	@Override
	public KeyHandle generate(KeyAlgorithm algorithm) {
		KeyPair pair;
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.family(), provider(algorithm));
			generator.initialize(CryptoProviders.generationParameters(algorithm));
			pair = generator.generateKeyPair();
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException("Cannot generate a " + algorithm + " key pair", failure);
		}
		KeyHandle handle = new KeyHandle(UUID.randomUUID(), algorithm);
		byte[] pkcs8 = pair.getPrivate().getEncoded();
		try {
			jdbc.sql("INSERT INTO pki_key (id, algorithm, public_key, wrapped_private_key, master_key_id, created_at) "
					+ "VALUES (:id, :algorithm, :publicKey, :wrapped, :masterKeyId, :now)")
				.param("id", handle.id())
				.param("algorithm", algorithm.name())
				.param("publicKey", pair.getPublic().getEncoded())
				.param("wrapped", masterKey.wrap(pkcs8, associatedData(handle)))
				.param("masterKeyId", masterKey.id())
				.param("now", Timestamp.from(clock.instant()))
				.update();
		}
		finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
		return handle;
	}

	@Override
	public PublicKey publicKey(KeyHandle key) {
		byte[] encoded = jdbc.sql("SELECT public_key FROM pki_key WHERE id = :id AND algorithm = :algorithm")
			.param("id", key.id())
			.param("algorithm", key.algorithm().name())
			.query(byte[].class)
			.optional()
			.orElseThrow(() -> new UnknownKeyException(key));
		try {
			return KeyFactory.getInstance(key.algorithm().family(), provider(key.algorithm()))
				.generatePublic(new X509EncodedKeySpec(encoded));
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException("Stored public key " + key.id() + " does not decode", failure);
		}
	}

	@Override
	public byte[] sign(KeyHandle key, DigestAlgorithm digestAlgorithm, byte[] digest) {
		CryptoProviders.checkLength(digestAlgorithm, digest);
		PrivateKey privateKey = privateKey(key);
		try {
			return CryptoProviders.signDigest(privateKey, key.algorithm(), digestAlgorithm, digest,
					key.algorithm().isEc() ? CryptoProviders.BC : null);
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException("Signing with key " + key.id() + " failed", failure);
		}
	}

	@Override
	public void destroy(KeyHandle key) {
		loaded.invalidate(key.id());
		jdbc.sql("DELETE FROM pki_key WHERE id = :id").param("id", key.id()).update();
	}

	@Override
	public String kind() {
		return "software";
	}

	private PrivateKey privateKey(KeyHandle key) {
		long now = System.currentTimeMillis();
		Loaded entry = loaded.getIfPresent(key.id());
		if (entry != null && now - entry.checkedAt() < RECHECK_MILLIS) {
			return entry.key();
		}
		if (entry != null) {
			boolean exists = jdbc.sql("SELECT COUNT(*) FROM pki_key WHERE id = :id")
				.param("id", key.id())
				.query(Integer.class)
				.single() > 0;
			if (!exists) {
				loaded.invalidate(key.id());
				throw new UnknownKeyException(key);
			}
			loaded.put(key.id(), new Loaded(entry.key(), now));
			return entry.key();
		}
		PrivateKey unwrapped = unwrap(key).orElseThrow(() -> new UnknownKeyException(key));
		loaded.put(key.id(), new Loaded(unwrapped, now));
		return unwrapped;
	}

	private Optional<PrivateKey> unwrap(KeyHandle key) {
		return jdbc.sql("SELECT wrapped_private_key FROM pki_key WHERE id = :id AND algorithm = :algorithm")
			.param("id", key.id())
			.param("algorithm", key.algorithm().name())
			.query(byte[].class)
			.optional()
			.map(wrapped -> {
				byte[] pkcs8 = masterKey.unwrap(wrapped, associatedData(key));
				try {
					return KeyFactory.getInstance(key.algorithm().family(), provider(key.algorithm()))
						.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
				}
				catch (GeneralSecurityException failure) {
					throw new IllegalStateException("Stored key " + key.id() + " does not decode", failure);
				}
				finally {
					Arrays.fill(pkcs8, (byte) 0);
				}
			});
	}

	private static byte[] associatedData(KeyHandle key) {
		return ("paraphe-pki-key:" + key.id() + ":" + key.algorithm().name()).getBytes(StandardCharsets.US_ASCII);
	}

	private static Provider provider(KeyAlgorithm algorithm) {
		return algorithm.isEc() ? CryptoProviders.BC : java.security.Security.getProvider("SunRsaSign");
	}

}
