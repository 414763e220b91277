package fr.paraphe.pki.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Base64;

import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.KeyStore;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoftwareKeyStoreTests extends AbstractKeyStoreTests {

	private TestDatabase database;

	private MasterKey masterKey;

	private SoftwareKeyStore store;

	@BeforeEach
	void createStore() {
		database = TestDatabase.create();
		masterKey = new MasterKey(randomKey());
		store = new SoftwareKeyStore(database.jdbc(), masterKey, Clock.systemUTC());
	}

	@Override
	protected KeyStore store() {
		return store;
	}

	@Override
	protected TestDatabase database() {
		return database;
	}

	@Test
	void thePrivateKeyIsStoredEncrypted() throws Exception {
		KeyHandle key = store.generate(KeyAlgorithm.EC_P256);
		byte[] wrapped = database.jdbc()
			.sql("SELECT wrapped_private_key FROM pki_key WHERE id = :id")
			.param("id", key.id())
			.query(byte[].class)
			.single();
		// A PKCS#8 EC key starts with SEQUENCE, INTEGER 0, SEQUENCE { OID ecPublicKey ... }; the stored bytes do not.
		byte[] ecPublicKeyOid = { 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01 };
		assertThat(indexOf(wrapped, ecPublicKeyOid)).isNegative();
		assertThat(database.jdbc().sql("SELECT master_key_id FROM pki_key").query(String.class).single())
			.isEqualTo(masterKey.id());
	}

	@Test
	void anotherMasterKeyCannotUseTheKeys() {
		KeyHandle key = store.generate(KeyAlgorithm.EC_P256);
		SoftwareKeyStore other = new SoftwareKeyStore(database.jdbc(), new MasterKey(randomKey()), Clock.systemUTC());
		assertThatThrownBy(() -> other.sign(key, DigestAlgorithm.SHA256, new byte[32]))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not decrypt");
	}

	@Test
	void aWrappedKeyMovedToAnotherRowDoesNotDecrypt() {
		KeyHandle first = store.generate(KeyAlgorithm.EC_P256);
		KeyHandle second = store.generate(KeyAlgorithm.EC_P256);
		database.jdbc()
			.sql("UPDATE pki_key SET wrapped_private_key = (SELECT wrapped_private_key FROM pki_key WHERE id = :first) WHERE id = :second")
			.param("first", first.id())
			.param("second", second.id())
			.update();
		assertThatThrownBy(() -> store.sign(second, DigestAlgorithm.SHA256, new byte[32]))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aKeyStoreSharingTheDatabaseSignsWithTheSameKeys() throws Exception {
		KeyHandle key = store.generate(KeyAlgorithm.EC_P256);
		SoftwareKeyStore otherNode = new SoftwareKeyStore(database.jdbc(), masterKey, Clock.systemUTC());
		byte[] digest = DigestAlgorithm.SHA256.newMessageDigest().digest(new byte[] { 1, 2, 3 });
		java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(store.publicKey(key));
		verifier.update(new byte[] { 1, 2, 3 });
		assertThat(verifier.verify(otherNode.sign(key, DigestAlgorithm.SHA256, digest))).isTrue();
	}

	@Test
	void theCacheOfUnwrappedKeysIsBoundedInSizeAndTime() {
		AtomicLong nanos = new AtomicLong();
		SoftwareKeyStore bounded = new SoftwareKeyStore(database.jdbc(), masterKey, Clock.systemUTC(),
				new SoftwareKeyStore.KeyCache(2, Duration.ofMinutes(10)), nanos::get);
		List<KeyHandle> keys = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			KeyHandle key = bounded.generate(KeyAlgorithm.EC_P256);
			keys.add(key);
			bounded.sign(key, DigestAlgorithm.SHA256, new byte[32]);
		}
		assertThat(bounded.cachedKeys()).isLessThanOrEqualTo(2);
		assertThat(bounded.evictedKeys()).isGreaterThanOrEqualTo(3);

		nanos.addAndGet(Duration.ofMinutes(11).toNanos());
		assertThat(bounded.cachedKeys()).isZero();

		// An evicted key is unwrapped again when needed.
		assertThat(bounded.sign(keys.get(0), DigestAlgorithm.SHA256, new byte[32])).isNotEmpty();
		assertThat(bounded.cachedKeys()).isEqualTo(1);
	}

	@Test
	void productionRefusesToStartWithoutAMasterKey(@TempDir Path directory) {
		assertThatThrownBy(() -> MasterKey.resolve("", directory.resolve("master.key"), true))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("PARAPHE_PKI_MASTER_KEY");
		assertThat(directory.resolve("master.key")).doesNotExist();
	}

	@Test
	void theDefaultProfileGeneratesAMasterKeyOnceAndKeepsIt(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("data").resolve("master.key");
		MasterKey created = MasterKey.resolve(null, file, false);
		assertThat(file).exists();
		assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
		assertThat(MasterKey.resolve(null, file, false).id()).isEqualTo(created.id());
		assertThat(created.toString()).doesNotContain(Files.readString(file).trim());
	}

	@Test
	void aConfiguredMasterKeyWinsAndMustBe32Bytes(@TempDir Path directory) {
		byte[] raw = randomKey();
		String configured = Base64.getEncoder().encodeToString(raw);
		assertThat(MasterKey.resolve(configured, directory.resolve("unused"), true).id())
			.isEqualTo(new MasterKey(raw.clone()).id());
		assertThat(directory.resolve("unused")).doesNotExist();
		assertThatThrownBy(() -> MasterKey.resolve(Base64.getEncoder().encodeToString(new byte[16]), directory, true))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> MasterKey.resolve("not base64 !", directory, true))
			.isInstanceOf(IllegalStateException.class);
	}

	private static byte[] randomKey() {
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		return raw;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
