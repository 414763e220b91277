import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JVM's raw signing rate for the TSA key algorithm (ECDSA P-256 over a SHA-256 digest), with N threads:
 * the ceiling the TSA is compared with. Run: java -cp bcprov-jdk18on-1.84.jar bench/RawSign.java [threads] [seconds] [BC]
 */
public class RawSign {

	public static void main(String[] args) throws Exception {
		int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
		int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
		Provider[] providers = args.length > 2 && args[2].equals("BC") ? new Provider[] { new BouncyCastleProvider() }
				: new Provider[] { new BouncyCastleProvider(), java.security.Security.getProvider("SunEC") };
		for (Provider provider : providers) {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			byte[] digest = MessageDigest.getInstance("SHA-256").digest("paraphe".getBytes());
			AtomicLong count = new AtomicLong();
			long end = System.nanoTime() + seconds * 1_000_000_000L;
			long warmup = System.nanoTime() + 3_000_000_000L;
			Thread[] workers = new Thread[threads];
			for (int t = 0; t < threads; t++) {
				workers[t] = new Thread(() -> {
					try {
						while (System.nanoTime() < warmup) {
							sign(provider, pair, digest);
						}
						while (System.nanoTime() < end + 3_000_000_000L) {
							sign(provider, pair, digest);
							count.incrementAndGet();
						}
					}
					catch (Exception failure) {
						throw new IllegalStateException(failure);
					}
				});
				workers[t].start();
			}
			for (Thread worker : workers) {
				worker.join();
			}
			System.out.printf("%s NONEwithECDSA P-256, %d threads: %.0f signatures/s%n", provider.getName(), threads,
					count.get() / (double) seconds);
		}
	}

	private static void sign(Provider provider, KeyPair pair, byte[] digest) throws Exception {
		Signature signature = Signature.getInstance("NONEwithECDSA", provider);
		signature.initSign(pair.getPrivate());
		signature.update(digest);
		signature.sign();
	}

}
