package fr.paraphe.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Revocation at validation time for a CA other than the platform's: its OCSP responder, served here by a local HTTP
 * server, is asked over the network when the allow-list lets the validator reach it; the ETSI EN 319 102-1 rule on
 * a revocation after or before the signature's time-stamp; the SSRF guards when the allow-list is empty.
 */
class RevocationTests {

	static HttpServer server;

	static final AtomicInteger OCSP_REQUESTS = new AtomicInteger();

	/** Serial → revocation time, as the foreign CA's responder knows it. */
	static final Map<BigInteger, Instant> REVOKED = new ConcurrentHashMap<>();

	static TestPki foreign;

	static TestPki.Credentials unit;

	@BeforeAll
	static void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/ocsp", exchange -> {
			OCSP_REQUESTS.incrementAndGet();
			byte[] request;
			try (InputStream in = exchange.getRequestBody()) {
				request = in.readAllBytes();
			}
			byte[] response = foreign.ocspResponse(request, REVOKED::get);
			exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		});
		server.start();
		foreign = new TestPki("Autorite etrangere",
				"http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp", null);
		unit = foreign.issueTimestampingUnit("Horodatage etranger");
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	static DefaultPdfValidator validator(List<String> allowList) {
		// The time-stamping unit is trusted directly, as in TimestampTests.
		TrustAnchorSource anchors = () -> List.of(foreign.root(), unit.certificate());
		OnlineRevocation revocation = new OnlineRevocation(new GuardedFetcher(allowList, Duration.ofSeconds(5), 1 << 20),
				true, 4, null, Clock.systemUTC());
		return new DefaultPdfValidator(new DssEngine(), List.of(anchors), () -> null, Validators.limits(),
				new Explanations(Validators.messages()), Clock.systemUTC(), revocation);
	}

	static byte[] timestampedSignature(TestPki.Credentials signer) {
		return TestSigner.sign(TestSigner.document("Bilan 2025"), signer,
				TestSigner.Options.approval(null).timestampedBy(unit));
	}

	@Test
	void aForeignCertificateIsCheckedWithItsOcspResponderAndTheAnswerKeptUntilItsNextUpdate() {
		byte[] signed = timestampedSignature(foreign.issue("Alice Dupont", "Cabinet Dupont"));
		try (DefaultPdfValidator validator = validator(List.of("127.0.0.1"))) {
			int before = OCSP_REQUESTS.get();

			ValidationReport report = Validators.validate(validator, signed);

			assertThat(report.verdict()).as(report.explanation()).isEqualTo(Verdict.VALID);
			SignatureResult signature = report.signatures().get(0);
			assertThat(signature.revocation().status()).isEqualTo("GOOD");
			assertThat(signature.revocation().checkedNow()).isTrue();
			assertThat(report.onlineChecks()).extracting(OnlineCheck::kind, OnlineCheck::outcome)
				.contains(org.assertj.core.groups.Tuple.tuple("OCSP", "FETCHED"));
			int fetched = OCSP_REQUESTS.get() - before;
			assertThat(fetched).isPositive();

			ValidationReport again = Validators.validate(validator, signed);

			assertThat(again.verdict()).isEqualTo(Verdict.VALID);
			assertThat(OCSP_REQUESTS.get() - before).as("answers kept until their nextUpdate").isEqualTo(fetched);
			assertThat(again.onlineChecks()).extracting(OnlineCheck::outcome).containsOnly("CACHED");
		}
	}

	@Test
	void aCertificateRevokedAfterTheSignaturesTimestampLeavesTheSignatureValidAndTheReportSaysSo()
			throws InterruptedException {
		TestPki.Credentials signer = foreign.issue("Bruno Petit", "Cabinet Petit");
		byte[] signed = timestampedSignature(signer);
		Thread.sleep(1_100);
		REVOKED.put(signer.certificate().getSerialNumber(), Instant.now().minusMillis(50));
		try (DefaultPdfValidator validator = validator(List.of("127.0.0.1"))) {
			ValidationReport report = Validators.validate(validator, signed);

			SignatureResult signature = report.signatures().get(0);
			assertThat(signature.revocation().status()).isEqualTo("REVOKED");
			assertThat(signature.revocation().reason()).isEqualTo("KEY_COMPROMISE");
			assertThat(signature.revocation().provenBeforeRevocation()).as(signature.toString()).isTrue();
			assertThat(signature.indication()).as(report.explanation()).isEqualTo(Indication.TOTAL_PASSED);
			assertThat(report.verdict()).isEqualTo(Verdict.VALID);
			assertThat(report.explanation()).contains("Certificat révoqué le", "(compromission de la clé)",
					"après l’horodatage de la signature : la signature reste valide");
		}
	}

	@Test
	void aCertificateRevokedBeforeTheSignatureMakesItNotValid() {
		TestPki.Credentials signer = foreign.issue("Chloe Martin", "Cabinet Martin");
		REVOKED.put(signer.certificate().getSerialNumber(), Instant.now().minus(Duration.ofDays(1)));
		byte[] signed = timestampedSignature(signer);
		try (DefaultPdfValidator validator = validator(List.of("127.0.0.1"))) {
			ValidationReport report = Validators.validate(validator, signed);

			SignatureResult signature = report.signatures().get(0);
			assertThat(signature.revocation().status()).isEqualTo("REVOKED");
			assertThat(signature.revocation().provenBeforeRevocation()).isFalse();
			assertThat(signature.indication()).isEqualTo(Indication.TOTAL_FAILED);
			assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
			assertThat(report.valid()).isFalse();
			assertThat(report.explanation()).contains("avant la signature : signature non valide");
		}
	}

	@Test
	void aResponderOnALoopbackAddressIsNotFetchedWithoutTheAllowListAndTheReportSaysSo() {
		byte[] signed = timestampedSignature(foreign.issue("Denis Roy", "Cabinet Roy"));
		try (DefaultPdfValidator validator = validator(List.of())) {
			int before = OCSP_REQUESTS.get();

			ValidationReport report = Validators.validate(validator, signed);

			assertThat(OCSP_REQUESTS.get()).as("nothing reached the responder").isEqualTo(before);
			assertThat(report.valid()).isFalse();
			assertThat(report.onlineChecks()).isNotEmpty()
				.allSatisfy(check -> assertThat(check.outcome()).isEqualTo("REFUSED_ADDRESS"));
			assertThat(report.explanation()).contains("n’ont pas été recherchées à l’adresse http://127.0.0.1:",
					"adresse privée ou locale");
		}
	}

	@Test
	void aResponderOnAPrivateAddressIsNotFetched() {
		TestPki privateCa = new TestPki("Autorite privee", "http://10.0.0.1/ocsp", "http://10.0.0.1/ca.crl");
		TestPki.Credentials signer = privateCa.issue("Emma Blanc", "Cabinet Blanc");
		byte[] signed = TestSigner.sign(TestSigner.document("Bilan 2025"), signer, TestSigner.Options.approval(null));
		TrustAnchorSource anchors = () -> List.of(privateCa.root());
		OnlineRevocation revocation = new OnlineRevocation(new GuardedFetcher(List.of(), Duration.ofSeconds(5), 1 << 20),
				true, 4, null, Clock.systemUTC());
		try (DefaultPdfValidator validator = new DefaultPdfValidator(new DssEngine(), List.of(anchors), () -> null,
				Validators.limits(), new Explanations(Validators.messages()), Clock.systemUTC(), revocation)) {
			ValidationReport report = Validators.validate(validator, signed);

			assertThat(report.onlineChecks()).extracting(OnlineCheck::url, OnlineCheck::outcome)
				.contains(org.assertj.core.groups.Tuple.tuple("http://10.0.0.1/ocsp", "REFUSED_ADDRESS"),
						org.assertj.core.groups.Tuple.tuple("http://10.0.0.1/ca.crl", "REFUSED_ADDRESS"));
			assertThat(report.explanation()).contains("http://10.0.0.1/ocsp", "adresse privée ou locale");
			assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
		}
	}

}
