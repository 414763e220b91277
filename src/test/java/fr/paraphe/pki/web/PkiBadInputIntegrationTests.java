package fr.paraphe.pki.web;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.UserId;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the public PKI endpoints: each gets a well-formed rejection (an OCSP error status, 404,
 * 413, 415), never a 500.
 */
@ParapheIntegrationTest
class PkiBadInputIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	CertificationAuthority ca;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void garbageTruncatedAndEmptyOcspRequestsGetMalformedRequest() throws Exception {
		byte[] valid = request(ca.issue(person()), false).getEncoded();
		byte[] garbage = new byte[300];
		new SecureRandom().nextBytes(garbage);
		for (byte[] body : new byte[][] { garbage, Arrays.copyOf(valid, valid.length - 7), new byte[0],
				"hello".getBytes(StandardCharsets.US_ASCII), { 0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff } }) {
			HttpResponse<byte[]> response = postOcsp(body);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).contains("application/ocsp-response");
			assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
		}
	}

	@Test
	void aGoodRequestWithANonceGetsItBackSigned() throws Exception {
		IssuedCertificate issued = ca.issue(person());
		OCSPReq request = request(issued, true);
		OCSPResp response = new OCSPResp(postOcsp(request.getEncoded()).body());
		assertThat(response.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
		BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
		assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue())
			.isEqualTo(request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue());
		assertThat(basic.getResponses()[0].getCertStatus()).isNull();
		X509CertificateHolder responder = basic.getCerts()[0];
		assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))).isTrue();
		assertThat(responder.getSubject().toString()).contains("Paraphe Personnes OCSP");
	}

	@Test
	void theGetFormAnswersAndLetsCachesKeepTheAnswerBriefly() throws Exception {
		OCSPReq request = request(ca.issue(person()), false);
		// A request whose base64 holds a '/', so that its URL encoding holds a %2F (serials are random).
		for (int i = 0; i < 50 && !Base64.getEncoder().encodeToString(request.getEncoded()).contains("/"); i++) {
			request = request(ca.issue(person()), false);
		}
		String base64 = Base64.getEncoder().encodeToString(request.getEncoded());
		assertThat(base64).contains("/");
		// URL-encoded as RFC 5019 §5 asks ('/' as %2F), with '/' left as it is, and base64url.
		String urlEncoded = java.net.URLEncoder.encode(base64, java.nio.charset.StandardCharsets.US_ASCII);
		String slashesKept = base64.replace("+", "%2B").replace("=", "%3D");
		String base64url = Base64.getUrlEncoder().withoutPadding().encodeToString(request.getEncoded());
		for (String path : new String[] { urlEncoded, slashesKept, base64url }) {
			HttpResponse<byte[]> response = get("/pki/ocsp/" + path);
			assertThat(response.statusCode()).isEqualTo(200);
			OCSPResp parsed = new OCSPResp(response.body());
			assertThat(parsed.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
			assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("max-age");
		}
		for (String bad : new String[] { "", "%25%25", "bm90IGFuIE9DU1AgcmVxdWVzdA==", "!!!!", "a%2Fb", "..%2F..%2Fetc",
				"%2F%2F%2F" }) {
			HttpResponse<byte[]> response = get("/pki/ocsp/" + bad);
			assertThat(response.statusCode()).as(bad).isIn(200, 400);
			if (response.statusCode() == 200) {
				assertThat(new OCSPResp(response.body()).getStatus()).as(bad).isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
			}
		}
	}

	@Test
	void anEncodedSlashIsStillRefusedOutsideTheGetFormOfOcsp() throws Exception {
		assertThat(get("/pki/ca%2Froot.crt").statusCode()).isEqualTo(400);
		assertThat(get("/pki/crl/..%2F..%2Factuator%2Fprometheus").statusCode()).isEqualTo(400);
		assertThat(get("/api/v1/me%2F").statusCode()).isEqualTo(400);
	}

	@Test
	void sha256CertIdsAndSeveralCertificatesInOneRequest() throws Exception {
		IssuedCertificate good = ca.issue(person());
		IssuedCertificate revoked = ca.issue(person());
		ca.revoke(revoked.serial(), fr.paraphe.pki.RevocationReason.CESSATION_OF_OPERATION);
		X509CertificateHolder issuer = new X509CertificateHolder(ca.authority(Authority.PERSONNES).encoded());
		org.bouncycastle.operator.DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder().build()
			.get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256));
		X509CertificateHolder otherIssuer = new X509CertificateHolder(ca.authority(Authority.CACHETS).encoded());
		OCSPReq request = new OCSPReqBuilder().addRequest(new CertificateID(sha256, issuer, good.serial().value()))
			.addRequest(new CertificateID(sha256, issuer, revoked.serial().value()))
			.addRequest(new CertificateID(sha256, issuer, BigInteger.valueOf(12345)))
			// A certificate of another CA in the same request: that responder cannot answer for it.
			.addRequest(new CertificateID(sha256, otherIssuer, good.serial().value()))
			.build();
		OCSPResp response = new OCSPResp(postOcsp(request.getEncoded()).body());
		assertThat(response.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
		org.bouncycastle.cert.ocsp.SingleResp[] answers = ((BasicOCSPResp) response.getResponseObject()).getResponses();
		assertThat(answers).hasSize(4);
		assertThat(answers[0].getCertID().getHashAlgOID()).isEqualTo(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256);
		assertThat(answers[0].getCertStatus()).isNull();
		assertThat(answers[1].getCertStatus()).isInstanceOf(org.bouncycastle.cert.ocsp.RevokedStatus.class);
		assertThat(((org.bouncycastle.cert.ocsp.RevokedStatus) answers[1].getCertStatus()).getRevocationReason())
			.isEqualTo(org.bouncycastle.asn1.x509.CRLReason.cessationOfOperation);
		assertThat(answers[2].getCertStatus()).isInstanceOf(org.bouncycastle.cert.ocsp.UnknownStatus.class);
		assertThat(answers[3].getCertStatus()).isInstanceOf(org.bouncycastle.cert.ocsp.UnknownStatus.class);
	}

	@Test
	void aCertificateOfAnotherIssuerIsUnauthorized() throws Exception {
		X509CertificateHolder stranger = new X509CertificateHolder(ca.authority(Authority.TSA).encoded());
		OCSPReq request = new OCSPReqBuilder().addRequest(new CertificateID(
				new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1), stranger, BigInteger.TEN))
			.build();
		assertThat(new OCSPResp(postOcsp(request.getEncoded()).body()).getStatus())
			.isEqualTo(OCSPRespBuilder.UNAUTHORIZED);
	}

	@Test
	void anOversizeBodyIsRefusedWith413() throws Exception {
		HttpResponse<byte[]> response = postOcsp(new byte[1024 * 1024]);
		assertThat(response.statusCode()).isEqualTo(413);
	}

	@Test
	void anotherContentTypeIsRefusedWith415() throws Exception {
		HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/pki/ocsp"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("hello"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(415);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/pki/ca/unknown.crt", "/pki/ca/ocsp-personnes.pem", "/pki/ca/ROOT.der",
			"/pki/crl/tsa.crl", "/pki/crl/nobody.crl", "/pki/crl/root.pem", "/pki/ca/.crt", "/pki/ca/%00.crt" })
	void unknownNamesAre404(String path) throws Exception {
		assertThat(get(path).statusCode()).as(path).isIn(400, 404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/pki/ca/root.crt", "/pki/ca/personnes.crt", "/pki/ca/cachets.pem", "/pki/ca/tsa.crt",
			"/pki/crl/root.crl", "/pki/crl/personnes.crl", "/pki/crl/cachets.crl" })
	void publishedNamesAnswer(String path) throws Exception {
		HttpResponse<byte[]> response = get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse(""))
			.isIn("application/pkix-cert", "application/pkix-crl", "application/x-pem-file");
	}

	private static NaturalPerson person() {
		return new NaturalPerson(UserId.random(), "Paul", "Bad", "IDCFR-9", "FR");
	}

	private OCSPReq request(IssuedCertificate certificate, boolean nonce) throws Exception {
		X509CertificateHolder issuer = new X509CertificateHolder(ca.authority(certificate.issuer()).encoded());
		OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(new CertificateID(
				new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1), issuer,
				certificate.serial().value()));
		if (nonce) {
			byte[] value = new byte[16];
			new SecureRandom().nextBytes(value);
			builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
					new DEROctetString(new DEROctetString(value).getEncoded()))));
		}
		return builder.build();
	}

	private HttpResponse<byte[]> postOcsp(byte[] body) throws Exception {
		return http.send(HttpRequest.newBuilder(uri("/pki/ocsp"))
			.header("Content-Type", "application/ocsp-request")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
