package fr.paraphe.pki.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;

import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyAlgorithm;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Which provider does what. Measured here: Bouncy Castle signs ECDSA P-256 about six times as fast as the
 * JDK's SunEC, so EC keys of the software store are Bouncy Castle keys; RSA uses the JDK.
 */
public final class CryptoProviders {

	/** Not registered in {@link java.security.Security}: used by instance, so no other module sees it. */
	public static final Provider BC = new BouncyCastleProvider();

	private CryptoProviders() {
	}

	/**
	 * Signs {@code digest} with {@code key} through {@code provider}: raw ECDSA ({@code NONEwithECDSA}, DER
	 * output) or RSASSA-PKCS1-v1_5 over the DigestInfo we build (RFC 8017 §9.2 step 2), since
	 * {@code NONEwithRSA} pads its input as it is.
	 */
	public static byte[] signDigest(PrivateKey key, KeyAlgorithm algorithm, DigestAlgorithm digestAlgorithm,
			byte[] digest, Provider provider) throws GeneralSecurityException {
		checkLength(digestAlgorithm, digest);
		if (algorithm.isEc()) {
			Signature signature = provider == null ? Signature.getInstance("NONEwithECDSA")
					: Signature.getInstance("NONEwithECDSA", provider);
			signature.initSign(key);
			signature.update(digest);
			return signature.sign();
		}
		Signature signature = provider == null ? Signature.getInstance("NONEwithRSA")
				: Signature.getInstance("NONEwithRSA", provider);
		signature.initSign(key);
		signature.update(digestInfo(digestAlgorithm, digest));
		return signature.sign();
	}

	static byte[] digestInfo(DigestAlgorithm digestAlgorithm, byte[] digest) {
		try {
			return new DigestInfo(new AlgorithmIdentifier(digestAlgorithm.oid(), DERNull.INSTANCE), digest)
				.getEncoded("DER");
		}
		catch (java.io.IOException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	static void checkLength(DigestAlgorithm digestAlgorithm, byte[] digest) {
		if (digest == null || digest.length != digestAlgorithm.length()) {
			throw new IllegalArgumentException(
					"A " + digestAlgorithm.jcaName() + " digest has " + digestAlgorithm.length() + " bytes");
		}
	}

	static java.security.spec.AlgorithmParameterSpec generationParameters(KeyAlgorithm algorithm) {
		if (algorithm.isEc()) {
			return new java.security.spec.ECGenParameterSpec(algorithm.parameter());
		}
		return new java.security.spec.RSAKeyGenParameterSpec(Integer.parseInt(algorithm.parameter()),
				BigInteger.valueOf(65537));
	}

}
