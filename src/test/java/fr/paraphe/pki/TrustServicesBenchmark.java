package fr.paraphe.pki;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.internal.KeyPool;
import fr.paraphe.pki.internal.OcspResponder;
import fr.paraphe.shared.UserId;
import fr.paraphe.timestamp.TimeStampAuthority;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not a test: a benchmark, run on demand (its name escapes Surefire's default includes):
 * {@code mvn -q test -Dtest=TrustServicesBenchmark}. In-process rates, without HTTP: certificate issuance
 * with pre-generated keys, OCSP answers with a nonce (each one signed), time-stamps. See docs/benchmarks.md.
 */
@ParapheIntegrationTest
class TrustServicesBenchmark {

	private static final int THREADS = 2;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	KeyPool keyPool;

	@Autowired
	OcspResponder ocsp;

	@Autowired
	TimeStampAuthority tsa;

	@Autowired
	KeyStore keyStore;

	@Test
	void measure() throws Exception {
		int keys = 3000;
		long start = System.nanoTime();
		keyPool.fill(KeyAlgorithm.EC_P256, keys);
		report("EC P-256 key generation into the pool (1 thread)", keys, System.nanoTime() - start);
		for (int i = 0; i < 200; i++) {
			ca.issue(new NaturalPerson(UserId.random(), "Warm", "Up", "IDCFR-" + i, "FR"));
		}
		AtomicLong issued = new AtomicLong();
		long issuance = run(() -> {
			ca.issue(new NaturalPerson(UserId.random(), "Claire", "Martin", "IDCFR-" + issued.incrementAndGet(), "FR"));
		}, 2000);
		report("certificate issuance, pre-generated keys (" + THREADS + " threads)", 2000, issuance);

		IssuedCertificate subject = ca.issue(new NaturalPerson(UserId.random(), "Ocsp", "Bench", "IDCFR-0", "FR"));
		X509CertificateHolder issuer = new X509CertificateHolder(ca.authority(Authority.PERSONNES).encoded());
		byte[] nonce = new byte[16];
		new SecureRandom().nextBytes(nonce);
		byte[] request = new OCSPReqBuilder()
			.addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
					issuer, subject.serial().value()))
			.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
					new DEROctetString(new DEROctetString(nonce).getEncoded()))))
			.build()
			.getEncoded();
		run(() -> ocsp.respond(request), 5000);
		report("OCSP with nonce, signed each time (" + THREADS + " threads)", 20000, run(() -> ocsp.respond(request), 20000));

		TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
		generator.setCertReq(true);
		byte[] query = generator.generate(NISTObjectIdentifiers.id_sha256, new byte[32], BigInteger.TEN).getEncoded();
		run(() -> tsa.respond(query), 5000);
		// Back to back, three times: the raw signing rate of the JVM (Bouncy Castle, a P-256 key), the key
		// store signing with the TSA key, and whole time-stamps.
		java.security.KeyPairGenerator generator2 = java.security.KeyPairGenerator.getInstance("EC",
				fr.paraphe.pki.internal.CryptoProviders.BC);
		generator2.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
		java.security.PrivateKey raw = generator2.generateKeyPair().getPrivate();
		byte[] digest = DigestAlgorithm.SHA256.newMessageDigest().digest(query);
		KeyHandle tsaKey = ca.timeStampingUnit().key();
		for (int round = 1; round <= 3; round++) {
			report("round " + round + ": raw BC NONEwithECDSA P-256 (" + THREADS + " threads)", 20000, run(() -> {
				try {
					java.security.Signature signature = java.security.Signature.getInstance("NONEwithECDSA",
							fr.paraphe.pki.internal.CryptoProviders.BC);
					signature.initSign(raw);
					signature.update(digest);
					signature.sign();
				}
				catch (java.security.GeneralSecurityException failure) {
					throw new IllegalStateException(failure);
				}
			}, 20000));
			report("round " + round + ": key store sign, TSA key (" + THREADS + " threads)", 20000,
					run(() -> keyStore.sign(tsaKey, DigestAlgorithm.SHA256, digest), 20000));
			report("round " + round + ": time-stamps (" + THREADS + " threads)", 20000, run(() -> tsa.respond(query), 20000));
		}
	}

	private static long run(Runnable task, int total) throws InterruptedException {
		AtomicLong left = new AtomicLong(total);
		Thread[] workers = new Thread[THREADS];
		long start = System.nanoTime();
		for (int t = 0; t < THREADS; t++) {
			workers[t] = new Thread(() -> {
				while (left.decrementAndGet() >= 0) {
					task.run();
				}
			});
			workers[t].start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		return System.nanoTime() - start;
	}

	private static void report(String what, int count, long nanos) {
		System.out.printf("BENCHMARK %-60s %8.0f /s%n", what, count / (nanos / 1e9));
	}

}
