package fr.paraphe.pki.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyHandle;
import fr.paraphe.pki.KeyStore;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys on a PKCS#11 token (an HSM; SoftHSM2 in tests) through the JDK's SunPKCS11 provider. Keys are
 * generated on the token as sensitive, non-extractable token objects; signing happens on the token
 * (CKM_ECDSA, CKM_RSA_PKCS). The JDK's PKCS#11 key store finds a private key only through a certificate,
 * so each new key is given a self-signed placeholder certificate under the alias of its handle's id; the
 * real certificate lives in the database like every other.
 */
public class Pkcs11KeyStore implements KeyStore {

	private final Provider provider;

	private final java.security.KeyStore token;

	private final Map<UUID, PrivateKey> keys = new ConcurrentHashMap<>();

	Pkcs11KeyStore(Provider provider, java.security.KeyStore token) {
		this.provider = provider;
		this.token = token;
	}

	/**
	 * Configures SunPKCS11 for {@code settings} and logs in with the user PIN.
	 * @throws IllegalStateException if the library, slot or PIN is wrong
	 */
	public static Pkcs11KeyStore open(PkiProperties.Pkcs11 settings) {
		if (settings.library() == null || settings.library().isBlank()) {
			throw new IllegalStateException("paraphe.pki.pkcs11.library is required with paraphe.pki.key-store=pkcs11");
		}
		if (settings.pin() == null || settings.pin().isEmpty()) {
			throw new IllegalStateException("paraphe.pki.pkcs11.pin is required with paraphe.pki.key-store=pkcs11");
		}
		StringBuilder config = new StringBuilder("--name = paraphe\nlibrary = ").append(settings.library()).append('\n');
		if (settings.slot() >= 0) {
			config.append("slot = ").append(settings.slot()).append('\n');
		}
		else {
			config.append("slotListIndex = 0\n");
		}
		// Private keys: on the token, usable only after login, never extractable (PKCS#11 §4.9).
		config.append("attributes(generate, CKO_PRIVATE_KEY, *) = {\n  CKA_TOKEN = true\n  CKA_PRIVATE = true\n"
				+ "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n  CKA_SIGN = true\n}\n");
		config.append("attributes(generate, CKO_PUBLIC_KEY, *) = {\n  CKA_TOKEN = true\n  CKA_VERIFY = true\n}\n");
		try {
			Provider provider = Security.getProvider("SunPKCS11").configure(config.toString());
			java.security.KeyStore token = java.security.KeyStore.getInstance("PKCS11", provider);
			token.load(null, settings.pin().toCharArray());
			return new Pkcs11KeyStore(provider, token);
		}
		catch (GeneralSecurityException | IOException | RuntimeException failure) {
			throw new IllegalStateException("Cannot open the PKCS#11 token (library " + settings.library()
					+ ", slot " + settings.slot() + "): " + failure.getMessage(), failure);
		}
	}

	@Override
	public KeyHandle generate(KeyAlgorithm algorithm) {
		KeyHandle handle = new KeyHandle(UUID.randomUUID(), algorithm);
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.family(), provider);
			generator.initialize(CryptoProviders.generationParameters(algorithm));
			KeyPair pair = generator.generateKeyPair();
			X509Certificate placeholder = placeholder(handle, pair);
			synchronized (token) {
				token.setKeyEntry(alias(handle), pair.getPrivate(), null, new Certificate[] { placeholder });
			}
			return handle;
		}
		catch (GeneralSecurityException | OperatorCreationException failure) {
			throw new IllegalStateException("The PKCS#11 token could not generate a " + algorithm + " key", failure);
		}
	}

	@Override
	public PublicKey publicKey(KeyHandle key) {
		try {
			Certificate certificate;
			synchronized (token) {
				certificate = token.getCertificate(alias(key));
			}
			if (certificate == null) {
				throw new UnknownKeyException(key);
			}
			return certificate.getPublicKey();
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException("The PKCS#11 token failed", failure);
		}
	}

	@Override
	public byte[] sign(KeyHandle key, DigestAlgorithm digestAlgorithm, byte[] digest) {
		CryptoProviders.checkLength(digestAlgorithm, digest);
		try {
			return CryptoProviders.signDigest(privateKey(key), key.algorithm(), digestAlgorithm, digest, provider);
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException("The PKCS#11 token could not sign with key " + key.id(), failure);
		}
	}

	@Override
	public void destroy(KeyHandle key) {
		keys.remove(key.id());
		try {
			synchronized (token) {
				if (token.containsAlias(alias(key))) {
					token.deleteEntry(alias(key));
				}
			}
		}
		catch (GeneralSecurityException failure) {
			throw new IllegalStateException("The PKCS#11 token could not destroy key " + key.id(), failure);
		}
	}

	@Override
	public String kind() {
		return "pkcs11";
	}

	private PrivateKey privateKey(KeyHandle key) throws GeneralSecurityException {
		PrivateKey cached = keys.get(key.id());
		if (cached != null) {
			return cached;
		}
		Key found;
		synchronized (token) {
			found = token.getKey(alias(key), null);
		}
		if (!(found instanceof PrivateKey privateKey)) {
			throw new UnknownKeyException(key);
		}
		// A handle to the token object, not key material: the key is CKA_SENSITIVE and not extractable.
		keys.put(key.id(), privateKey);
		return privateKey;
	}

	private static String alias(KeyHandle key) {
		return key.id().toString();
	}

	private X509Certificate placeholder(KeyHandle handle, KeyPair pair)
			throws OperatorCreationException, GeneralSecurityException {
		X500Name name = new X500Name("CN=paraphe-key-" + handle.id());
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		ContentSigner signer = new JcaContentSignerBuilder(
				handle.algorithm().signatureAlgorithm(handle.algorithm().defaultDigest()))
			.setProvider(provider)
			.build(pair.getPrivate());
		return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
				BigInteger.ONE, Date.from(now), Date.from(now.plus(36500, ChronoUnit.DAYS)), name, pair.getPublic())
			.build(signer));
	}

}
