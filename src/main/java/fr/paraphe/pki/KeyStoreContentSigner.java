package fr.paraphe.pki;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * A Bouncy Castle {@link ContentSigner} whose private key stays in the {@link KeyStore}: the data is hashed
 * here with the JDK's {@link MessageDigest}, only the digest goes to the store. One instance signs once;
 * it is not thread-safe.
 */
public final class KeyStoreContentSigner implements ContentSigner {

	private static final DefaultSignatureAlgorithmIdentifierFinder FINDER = new DefaultSignatureAlgorithmIdentifierFinder();

	private final KeyStore store;

	private final KeyHandle key;

	private final DigestAlgorithm digestAlgorithm;

	private final AlgorithmIdentifier algorithmIdentifier;

	private final MessageDigest digest;

	public KeyStoreContentSigner(KeyStore store, KeyHandle key, DigestAlgorithm digestAlgorithm) {
		this.store = store;
		this.key = key;
		this.digestAlgorithm = digestAlgorithm;
		this.algorithmIdentifier = FINDER.find(key.algorithm().signatureAlgorithm(digestAlgorithm));
		this.digest = digestAlgorithm.newMessageDigest();
	}

	/** Signs with the key's default digest (SHA-256 for P-256 and RSA, SHA-384 for P-384). */
	public KeyStoreContentSigner(KeyStore store, KeyHandle key) {
		this(store, key, key.algorithm().defaultDigest());
	}

	@Override
	public AlgorithmIdentifier getAlgorithmIdentifier() {
		return algorithmIdentifier;
	}

	@Override
	public OutputStream getOutputStream() {
		return new DigestOutputStream(OutputStream.nullOutputStream(), digest);
	}

	@Override
	public byte[] getSignature() {
		return store.sign(key, digestAlgorithm, digest.digest());
	}

}
