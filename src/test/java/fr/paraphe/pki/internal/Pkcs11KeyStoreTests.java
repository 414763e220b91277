package fr.paraphe.pki.internal;

import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;

import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.KeyStore;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key store contract ({@link AbstractKeyStoreTests}: generation, signing, destruction, a whole
 * certificate hierarchy) on a PKCS#11 token: SoftHSM2 through SunPKCS11.
 */
class Pkcs11KeyStoreTests extends AbstractKeyStoreTests {

	private static Pkcs11KeyStore store;

	@BeforeAll
	static void openToken() throws Exception {
		if (store == null) {
			store = Pkcs11KeyStore.open(SoftHsm.token());
		}
	}

	@Override
	protected KeyStore store() {
		return store;
	}

	@Override
	protected TestDatabase database() {
		return TestDatabase.create();
	}

	@Test
	void privateKeysAreSensitiveAndNotExtractableOnTheToken() throws Exception {
		KeyHandle key = store.generate(KeyAlgorithm.EC_P256);
		PkiProperties.Pkcs11 token = SoftHsm.token();
		// Another session on the same token, as an attacker with the PIN would open.
		Provider provider = Security.getProvider("SunPKCS11")
			.configure("--name = probe\nlibrary = " + token.library() + "\nslot = " + token.slot() + "\n");
		java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS11", provider);
		keys.load(null, token.pin().toCharArray());
		Key privateKey = keys.getKey(key.id().toString(), null);
		assertThat(privateKey).isInstanceOf(PrivateKey.class);
		assertThat(privateKey.getEncoded()).isNull();
		assertThat(privateKey.toString()).contains("token object").contains("sensitive").contains("unextractable");
	}

	@Test
	void aMissingLibraryOrPinIsACleanError() {
		assertThatThrownBy(() -> Pkcs11KeyStore.open(new PkiProperties.Pkcs11(null, 0, "1234")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("library");
		assertThatThrownBy(() -> Pkcs11KeyStore.open(new PkiProperties.Pkcs11("/nonexistent/lib.so", 0, "1234")))
			.isInstanceOf(IllegalStateException.class);
	}

}
