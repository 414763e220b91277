package fr.paraphe.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.pki.RevocationData;
import fr.paraphe.shared.UserId;
import fr.paraphe.timestamp.TimeStampAuthority;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.DssEngine;

import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not a test: a benchmark, run on demand by {@code bench/signing.sh} (its name escapes Surefire's includes).
 * Signatures per second, one thread, on one-page PDFs, with the same P-256 key in the key store: Paraphe's engine
 * against EU DSS 6.4's PAdESService (getDataToSign → key store → signDocument), at B-B and B-LT, the time-stamps,
 * OCSP responses and CRLs coming in-process from the platform's TSA and CA for both. See
 * docs/benchmarks-signing.md.
 */
@ParapheIntegrationTest
class SigningBenchmark {

	@Autowired
	PadesSigner signer;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	KeyStore keyStore;

	@Autowired
	TimeStampAuthority tsa;

	@Autowired
	RevocationData revocationData;

	@Test
	void signaturesPerSecond() {
		long seconds = Long.getLong("bench.seconds", 10);
		SigningKey key = signer.keyOf(ca.issue(new NaturalPerson(UserId.random(), "Banc", "Essai", "IDCFR-BENCH", "FR")));
		byte[] document = TestSigner.document("Lettre de mission");
		List<String> lines = new ArrayList<>();
		for (SignatureLevel level : List.of(SignatureLevel.B_B, SignatureLevel.B_LT)) {
			SignatureParameters parameters = SignatureParameters.invisible(level, "Banc Essai", "Benchmark");
			double paraphe = rate(seconds, () -> signer.sign(document, key, parameters));
			Function<byte[], byte[]> dss = dss(key, level);
			double eu = rate(seconds, () -> dss.apply(document));
			lines.add(String.format(Locale.ROOT, "%-5s Paraphe %7.1f/s (%6.1f ms)   DSS %7.1f/s (%6.1f ms)",
					level.etsiName(), paraphe, 1000 / paraphe, eu, 1000 / eu));
		}
		System.out.println("\n=== Signing benchmark, one thread, " + seconds + " s per measure ===");
		lines.forEach(System.out::println);
	}

	private static double rate(long seconds, Runnable work) {
		long warmUpEnd = System.nanoTime() + 2_000_000_000L;
		while (System.nanoTime() < warmUpEnd) {
			work.run();
		}
		long start = System.nanoTime();
		long end = start + seconds * 1_000_000_000L;
		int count = 0;
		while (System.nanoTime() < end) {
			work.run();
			count++;
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private Function<byte[], byte[]> dss(SigningKey key, SignatureLevel level) {
		CommonCertificateVerifier verifier = DssEngine.verifier(List.of(ca.authority(Authority.ROOT).certificate()),
				null);
		InProcessRevocation.install(verifier, revocationData);
		PAdESService service = new PAdESService(verifier);
		service.setTspSource(new OnlineTSPSource("http://in-process/pki/tsa", new TsaLoader(tsa)));
		List<CertificateToken> chain = key.chain().stream().map(CertificateToken::new).toList();
		return pdf -> {
			PAdESSignatureParameters parameters = new PAdESSignatureParameters();
			parameters.setSignatureLevel(level == SignatureLevel.B_B
					? eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B
					: eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT);
			parameters.setDigestAlgorithm(eu.europa.esig.dss.enumerations.DigestAlgorithm.SHA256);
			parameters.setSigningCertificate(chain.get(0));
			parameters.setCertificateChain(chain);
			parameters.setReason("Benchmark");
			DSSDocument document = new InMemoryDocument(pdf, "document.pdf");
			ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
			byte[] digest = DigestAlgorithm.SHA256.newMessageDigest().digest(toBeSigned.getBytes());
			SignatureValue value = new SignatureValue(SignatureAlgorithm.ECDSA_SHA256,
					keyStore.sign(key.key(), DigestAlgorithm.SHA256, digest));
			try {
				return service.signDocument(document, parameters, value).openStream().readAllBytes();
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		};
	}

	/** DSS's TSP client, answered by the platform's TSA in-process. */
	private static final class TsaLoader implements DataLoader {

		private static final long serialVersionUID = 1L;

		private final transient TimeStampAuthority tsa;

		TsaLoader(TimeStampAuthority tsa) {
			this.tsa = tsa;
		}

		@Override
		public byte[] get(String url) {
			throw new UnsupportedOperationException();
		}

		@Override
		public DataAndUrl get(List<String> urls) {
			throw new UnsupportedOperationException();
		}

		@Override
		public byte[] post(String url, byte[] content) {
			return tsa.respond(content);
		}

		@Override
		public void setContentType(String contentType) {
			// in-process
		}

	}

}
