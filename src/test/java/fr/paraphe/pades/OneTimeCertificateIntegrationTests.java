package fr.paraphe.pades;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import fr.paraphe.OpenSsl;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificateIssued;
import fr.paraphe.pki.CertificateProfile;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.KeyAlgorithm;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.OneTimeSigner;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One-time certificates ("certificats à usage unique"), end to end: their profile as OpenSSL reads it, their path
 * to our root, a PAdES B-LT signature with one that EU DSS passes offline with only our root trusted, OCSP over
 * HTTP, and a key that no longer signs once destroyed.
 */
@RecordApplicationEvents
class OneTimeCertificateIntegrationTests extends AbstractPadesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	KeyStore keyStore;

	@Autowired
	ApplicationEvents events;

	@TempDir
	Path directory;

	final HttpClient http = HttpClient.newHttpClient();

	@Override
	SignatureLevel level() {
		return SignatureLevel.B_LT;
	}

	@Override
	eu.europa.esig.dss.enumerations.SignatureLevel expectedFormat() {
		return eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT;
	}

	private IssuedCertificate issue(String email, String phone) {
		return ca.issueOneTime(new OneTimeSigner("Élodie", "Dupré-Léger", email, phone, "sig-" + UUID.randomUUID()));
	}

	@Test
	void theProfileIsANaturalPersonsUnderItsOwnPolicyAndCaWithTheVerifiedChannels() throws Exception {
		IssuedCertificate certificate = issue("elodie.dupre@exemple.fr", "+33 6 12 34 56 78");
		OpenSsl openssl = new OpenSsl(directory);
		write("one-time.pem", certificate.certificate());
		download("/pki/ca/root.pem", "root.pem");
		download("/pki/ca/usage-unique.pem", "usage-unique.pem");

		OpenSsl.Result text = openssl.run("x509", "-in", "one-time.pem", "-noout", "-text", "-nameopt", "utf8,sep_comma_plus");
		assertThat(text.exitCode()).isZero();
		assertThat(text.output()).contains("Issuer: C=FR,O=Paraphe,CN=Paraphe Usage Unique")
			.contains("GN=Élodie")
			.contains("SN=Dupré-Léger")
			.contains("CN=Élodie Dupré-Léger")
			.contains("ASN1 OID: prime256v1")
			.contains("Policy: 2.999.1.3")
			.doesNotContain("Policy: 2.999.1.1")
			.contains("email:elodie.dupre@exemple.fr")
			.contains("URI:tel:+33612345678")
			.contains("Digital Signature, Non Repudiation")
			.contains("CA:FALSE")
			.contains("/pki/crl/usage-unique.crl")
			.contains("OCSP - URI:http://localhost:");
		assertThat(java.time.Duration.between(certificate.notBefore(), certificate.notAfter()))
			.isEqualTo(java.time.Duration.ofHours(1));

		OpenSsl.Result verified = openssl.run("verify", "-CAfile", "root.pem", "-untrusted", "usage-unique.pem",
				"-policy", "2.999.1.3", "-explicit_policy", "one-time.pem");
		assertThat(verified.output()).contains("one-time.pem: OK");
		// Under the example policy of registered persons it does not verify: the policies are distinct.
		OpenSsl.Result otherPolicy = openssl.run("verify", "-CAfile", "root.pem", "-untrusted", "usage-unique.pem",
				"-policy", "2.999.1.1", "-explicit_policy", "one-time.pem");
		assertThat(otherPolicy.exitCode()).isNotZero();

		assertThat(certificate.issuer()).isEqualTo(Authority.USAGE_UNIQUE);
		assertThat(certificate.profile()).isEqualTo(CertificateProfile.ONE_TIME_PERSON);
		assertThat(certificate.key().algorithm()).isEqualTo(KeyAlgorithm.EC_P256);
		assertThat(certificate.holder()).startsWith("onetime:sig-");
		assertThat(ca.find(certificate.serial())).hasValueSatisfying(found -> {
			assertThat(found.holder()).isEqualTo(certificate.holder());
			assertThat(found.profile()).isEqualTo(CertificateProfile.ONE_TIME_PERSON);
		});
		assertThat(events.stream(CertificateIssued.class)).anySatisfy(event -> {
			assertThat(event.serial()).isEqualTo(certificate.serial());
			assertThat(event.profile()).isEqualTo(CertificateProfile.ONE_TIME_PERSON);
			assertThat(event.holder()).isEqualTo(certificate.holder());
		});
	}

	@Test
	void anEmailOnlyOrPhoneOnlyCertificateNamesOnlyThatChannel() throws Exception {
		OpenSsl openssl = new OpenSsl(directory);
		write("mail.pem", issue("claire@exemple.fr", null).certificate());
		write("phone.pem", issue(null, "+33712345678").certificate());
		assertThat(openssl.run("x509", "-in", "mail.pem", "-noout", "-ext", "subjectAltName").output())
			.contains("email:claire@exemple.fr").doesNotContain("URI:");
		assertThat(openssl.run("x509", "-in", "phone.pem", "-noout", "-ext", "subjectAltName").output())
			.contains("URI:tel:+33712345678").doesNotContain("email:");
	}

	@Test
	void chainOfGoesFromTheCertificateToTheRoot() {
		IssuedCertificate certificate = issue("a@exemple.fr", null);
		List<X509Certificate> chain = ca.chainOf(certificate);
		assertThat(chain).containsExactly(certificate.certificate(), ca.authority(Authority.USAGE_UNIQUE).certificate(),
				ca.authority(Authority.ROOT).certificate());
		assertThat(ca.chainOf(ca.authority(Authority.ROOT))).containsExactly(ca.authority(Authority.ROOT).certificate());
		assertThat(ca.chainOf(ca.authority(Authority.OCSP_USAGE_UNIQUE))).hasSize(3);
	}

	@Test
	void aPdfSignedWithItAtBltPassesDssOfflineAndTheKeyIsUnusableOnceDestroyed() {
		IssuedCertificate certificate = issue("elodie.dupre@exemple.fr", "+33612345678");
		SigningKey key = new SigningKey(certificate.key(), ca.chainOf(certificate));
		byte[] signed = signer.sign(TestSigner.document("Lettre de mission"), key,
				SignatureParameters.invisible(SignatureLevel.B_LT, "Élodie Dupré-Léger", "Lettre de mission acceptée"));
		assertAllPassed(signed, 1);

		keyStore.destroy(certificate.key());
		assertThatThrownBy(() -> keyStore.sign(certificate.key(), DigestAlgorithm.SHA256, new byte[32]))
			.isInstanceOf(KeyStore.UnknownKeyException.class);
		assertThatThrownBy(() -> signer.sign(TestSigner.document("Autre"), key,
				SignatureParameters.invisible(SignatureLevel.B_LT, "Élodie Dupré-Léger", "Encore")))
			.isInstanceOf(KeyStore.UnknownKeyException.class);
		// The certificate itself stays in the CA's records, and signed documents stay valid.
		assertThat(ca.find(certificate.serial())).isPresent();
		assertAllPassed(signed, 1);
	}

	@Test
	void ocspOverHttpAnswersGoodForItAndTheCrlOfItsCaVerifies() throws Exception {
		OpenSsl openssl = new OpenSsl(directory);
		write("one-time.pem", issue(null, "+33612345678").certificate());
		download("/pki/ca/root.pem", "root.pem");
		download("/pki/ca/usage-unique.pem", "usage-unique.pem");
		OpenSsl.Result good = openssl.run("ocsp", "-issuer", "usage-unique.pem", "-CAfile", "root.pem", "-cert",
				"one-time.pem", "-url", "http://127.0.0.1:" + port + "/pki/ocsp");
		assertThat(good.output()).contains("Response verify OK").contains("one-time.pem: good");

		download("/pki/crl/usage-unique.crl", "usage-unique.crl");
		Files.writeString(directory.resolve("chain.pem"), Files.readString(directory.resolve("usage-unique.pem"))
				+ Files.readString(directory.resolve("root.pem")));
		OpenSsl.Result crl = openssl.run("crl", "-inform", "DER", "-in", "usage-unique.crl", "-CAfile", "chain.pem",
				"-noout", "-verify");
		assertThat(crl.output()).contains("verify OK");
	}

	private void download(String path, String file) throws Exception {
		HttpResponse<byte[]> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		Files.write(directory.resolve(file), response.body());
	}

	private void write(String file, X509Certificate certificate) throws Exception {
		Files.writeString(directory.resolve(file), "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
				+ "\n-----END CERTIFICATE-----\n");
	}

}
