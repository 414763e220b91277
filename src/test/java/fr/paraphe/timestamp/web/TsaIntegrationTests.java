package fr.paraphe.timestamp.web;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import fr.paraphe.OpenSsl;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.timestamp.TimeStampAuthority;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TSA over HTTP: OpenSSL's {@code ts -query} answered by {@code /pki/tsa} verifies with
 * {@code openssl ts -verify}; the protocol's rules (nonce, certReq, policy, serials, accuracy) and
 * rejections of bad queries.
 */
@ParapheIntegrationTest
class TsaIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	TimeStampAuthority tsa;

	@TempDir
	Path directory;

	final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest
	@ValueSource(strings = { "-sha256", "-sha384", "-sha512" })
	void opensslVerifiesOurTimeStamps(String digest) throws Exception {
		OpenSsl openssl = new OpenSsl(directory);
		Files.writeString(directory.resolve("document.txt"), "Comptes annuels 2026 " + digest);
		Files.write(directory.resolve("root.pem"), get("/pki/ca/root.pem"));
		Files.write(directory.resolve("tsa.pem"), get("/pki/ca/tsa.pem"));
		OpenSsl.Result query = openssl.run("ts", "-query", "-data", "document.txt", digest, "-cert", "-out", "query.tsq");
		assertThat(query.exitCode()).as(query.output()).isZero();

		HttpResponse<byte[]> reply = post(Files.readAllBytes(directory.resolve("query.tsq")), "application/timestamp-query");
		assertThat(reply.statusCode()).isEqualTo(200);
		assertThat(reply.headers().firstValue("Content-Type")).contains("application/timestamp-reply");
		Files.write(directory.resolve("reply.tsr"), reply.body());

		OpenSsl.Result verified = openssl.run("ts", "-verify", "-in", "reply.tsr", "-queryfile", "query.tsq", "-CAfile",
				"root.pem", "-untrusted", "tsa.pem");
		assertThat(verified.output()).contains("Verification: OK");
		OpenSsl.Result againstData = openssl.run("ts", "-verify", "-in", "reply.tsr", "-data", "document.txt",
				"-CAfile", "root.pem", "-untrusted", "tsa.pem");
		assertThat(againstData.output()).contains("Verification: OK");

		// Another document does not verify against this token: the test can fail.
		Files.writeString(directory.resolve("other.txt"), "Autre document");
		OpenSsl.Result other = openssl.run("ts", "-verify", "-in", "reply.tsr", "-data", "other.txt", "-CAfile",
				"root.pem", "-untrusted", "tsa.pem");
		assertThat(other.output()).doesNotContain("Verification: OK");

		OpenSsl.Result text = openssl.run("ts", "-reply", "-in", "reply.tsr", "-text");
		assertThat(text.output()).contains("Status: Granted")
			.contains("Policy OID: 2.999.1.2")
			.contains("Accuracy: 0x01 seconds")
			.contains("Nonce: 0x");
	}

	@Test
	void nonceCertReqPolicyAndIncreasingSerials() throws Exception {
		BigInteger previous = BigInteger.ZERO;
		for (int i = 0; i < 20; i++) {
			boolean certReq = i % 2 == 0;
			BigInteger nonce = new BigInteger(64, new SecureRandom());
			TimeStampRequest request = request(NISTObjectIdentifiers.id_sha256, 32, certReq, nonce, null);
			TimeStampResponse response = exchange(request);
			assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
			response.validate(request);
			TimeStampToken token = response.getTimeStampToken();
			assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(nonce);
			assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo("2.999.1.2");
			assertThat(token.getCertificates().getMatches(null)).hasSize(certReq ? 2 : 0);
			assertThat(token.getTimeStampInfo().getSerialNumber()).isGreaterThan(previous);
			previous = token.getTimeStampInfo().getSerialNumber();
			X509CertificateHolder tsaCertificate = new X509CertificateHolder(ca.authority(Authority.TSA).encoded());
			assertThat(token.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCertificate))).isTrue();
		}
	}

	@Test
	void theModuleApiGivesTokensForSignatures() throws Exception {
		byte[] imprint = DigestAlgorithm.SHA256.newMessageDigest().digest(new byte[] { 1, 2, 3 });
		TimeStampToken token = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(tsa.timeStamp(DigestAlgorithm.SHA256, imprint)));
		assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
		assertThat(token.getCertificates().getMatches(null)).isNotEmpty();
	}

	@Test
	void unsupportedAlgorithmsAreRejectedWithBadAlg() throws Exception {
		for (ASN1ObjectIdentifier weak : new ASN1ObjectIdentifier[] { OIWObjectIdentifiers.idSHA1,
				new ASN1ObjectIdentifier("1.2.840.113549.2.5") }) {
			TimeStampResponse response = exchange(request(weak, weak.equals(OIWObjectIdentifiers.idSHA1) ? 20 : 16, true,
					BigInteger.ONE, null));
			assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
			assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);
			assertThat(response.getTimeStampToken()).isNull();
		}
	}

	@Test
	void aWrongImprintLengthAnotherPolicyOrAnUnknownExtensionAreRejected() throws Exception {
		TimeStampResponse shortImprint = exchange(request(NISTObjectIdentifiers.id_sha256, 20, true, BigInteger.TWO, null));
		assertThat(shortImprint.getStatus()).isEqualTo(PKIStatus.REJECTION);
		assertThat(shortImprint.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);

		TimeStampResponse otherPolicy = exchange(request(NISTObjectIdentifiers.id_sha256, 32, true, BigInteger.TWO,
				new ASN1ObjectIdentifier("1.2.3.4")));
		assertThat(otherPolicy.getStatus()).isEqualTo(PKIStatus.REJECTION);
		assertThat(otherPolicy.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.unacceptedPolicy);

		TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
		generator.addExtension(Extension.auditIdentity, false, new org.bouncycastle.asn1.DEROctetString(new byte[] { 1 }));
		TimeStampResponse extension = exchange(generator.generate(NISTObjectIdentifiers.id_sha256, new byte[32]));
		assertThat(extension.getStatus()).isEqualTo(PKIStatus.REJECTION);
		assertThat(extension.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.unacceptedExtension);
	}

	@Test
	void garbageAndTruncatedQueriesAreRejectedWithBadDataFormat() throws Exception {
		byte[] valid = request(NISTObjectIdentifiers.id_sha256, 32, true, BigInteger.TEN, null).getEncoded();
		byte[] garbage = new byte[200];
		new SecureRandom().nextBytes(garbage);
		List<byte[]> bodies = new ArrayList<>(List.of(garbage, Arrays.copyOf(valid, valid.length - 5), new byte[0],
				new byte[] { 0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff }));
		for (byte[] body : bodies) {
			HttpResponse<byte[]> reply = post(body, "application/timestamp-query");
			assertThat(reply.statusCode()).isEqualTo(200);
			TimeStampResponse response = new TimeStampResponse(reply.body());
			assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
			assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
		}
	}

	@Test
	void oversizeBodiesAndOtherContentTypesGetHttpErrors() throws Exception {
		assertThat(postStatus(new byte[2 * 1024 * 1024], "application/timestamp-query")).isEqualTo(413);
		assertThat(postStatus(new byte[] { 1, 2, 3 }, "application/json")).isEqualTo(415);
		HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(uri("/pki/tsa")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(get.statusCode()).isEqualTo(405);
	}

	private static TimeStampRequest request(ASN1ObjectIdentifier algorithm, int length, boolean certReq, BigInteger nonce,
			ASN1ObjectIdentifier policy) {
		TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
		generator.setCertReq(certReq);
		if (policy != null) {
			generator.setReqPolicy(policy);
		}
		byte[] imprint = new byte[length];
		new SecureRandom().nextBytes(imprint);
		return generator.generate(algorithm, imprint, nonce);
	}

	private TimeStampResponse exchange(TimeStampRequest request) throws Exception {
		HttpResponse<byte[]> reply = post(request.getEncoded(), "application/timestamp-query");
		assertThat(reply.statusCode()).isEqualTo(200);
		return new TimeStampResponse(reply.body());
	}

	private HttpResponse<byte[]> post(byte[] body, String contentType) throws Exception {
		return http.send(HttpRequest.newBuilder(uri("/pki/tsa"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private int postStatus(byte[] body, String contentType) throws Exception {
		try {
			return post(body, contentType).statusCode();
		}
		catch (java.io.IOException connectionClosed) {
			// Tomcat may close the connection while the client still sends an oversize body.
			return 413;
		}
	}

	private byte[] get(String path) throws Exception {
		HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
