package fr.paraphe.pki.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import fr.paraphe.OpenSsl;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.LegalPerson;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with OpenSSL, against the running application over HTTP: the published certificates
 * and CRLs verify, and OpenSSL's OCSP client reads our answers (good, revoked, unknown).
 */
@ParapheIntegrationTest
class PkiOpenSslIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	CertificationAuthority ca;

	@TempDir
	Path directory;

	OpenSsl openssl;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void downloadTheHierarchy() throws Exception {
		openssl = new OpenSsl(directory);
		download("/pki/ca/root.pem", "root.pem");
		download("/pki/ca/personnes.pem", "personnes.pem");
		download("/pki/ca/cachets.pem", "cachets.pem");
		download("/pki/ca/root.crt", "root.der");
		Files.writeString(directory.resolve("chain.pem"), Files.readString(directory.resolve("personnes.pem"))
				+ Files.readString(directory.resolve("cachets.pem")) + Files.readString(directory.resolve("root.pem")));
	}

	@Test
	void opensslVerifiesIssuedCertificatesAgainstTheRootAndTheIssuingCa() throws Exception {
		write("person.pem", ca.issue(new NaturalPerson(UserId.random(), "Claire", "Martin", "IDCFR-1", "FR")));
		OpenSsl.Result person = openssl.run("verify", "-CAfile", "root.pem", "-untrusted", "personnes.pem", "person.pem");
		assertThat(person.output()).contains("person.pem: OK");
		assertThat(person.exitCode()).isZero();

		write("seal.pem", ca.issue(new LegalPerson(new Siren("732829320"), "Cabinet Démo")));
		OpenSsl.Result seal = openssl.run("verify", "-CAfile", "root.pem", "-untrusted", "cachets.pem", "seal.pem");
		assertThat(seal.output()).contains("seal.pem: OK");

		// The wrong issuing CA does not verify: the test can fail.
		OpenSsl.Result wrong = openssl.run("verify", "-CAfile", "root.pem", "-untrusted", "cachets.pem", "person.pem");
		assertThat(wrong.exitCode()).isNotZero();

		// The DER publication is the same certificate as the PEM one.
		OpenSsl.Result der = openssl.run("x509", "-inform", "DER", "-in", "root.der", "-noout", "-subject");
		assertThat(der.output()).contains("Paraphe Root CA");
	}

	@Test
	void opensslVerifiesTheCrlsAndSeesARevocation() throws Exception {
		IssuedCertificate issued = ca.issue(new NaturalPerson(UserId.random(), "Jean", "Revoque", "IDCFR-2", "FR"));
		ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE);
		for (String name : new String[] { "root", "personnes", "cachets" }) {
			download("/pki/crl/" + name + ".crl", name + ".crl");
			OpenSsl.Result verified = openssl.run("crl", "-inform", "DER", "-in", name + ".crl", "-CAfile", "chain.pem",
					"-noout", "-verify");
			assertThat(verified.output()).as(name).contains("verify OK");
		}
		OpenSsl.Result text = openssl.run("crl", "-inform", "DER", "-in", "personnes.crl", "-noout", "-text");
		assertThat(text.output()).contains("X509v3 CRL Number")
			.contains("Next Update")
			.contains("Key Compromise")
			.containsIgnoringCase(padded(issued.serial()));
	}

	@Test
	void opensslOcspSaysGoodThenRevokedThenUnknownForAForgedSerial() throws Exception {
		write("person.pem", ca.issue(new NaturalPerson(UserId.random(), "Anne", "Ocsp", "IDCFR-3", "FR")));

		OpenSsl.Result good = ocsp("-cert", "person.pem");
		assertThat(good.output()).contains("Response verify OK").contains("person.pem: good");

		CertificateSerial serial = new CertificateSerial(
				java.security.cert.CertificateFactory.getInstance("X.509")
					.generateCertificates(Files.newInputStream(directory.resolve("person.pem")))
					.stream()
					.map(c -> ((java.security.cert.X509Certificate) c).getSerialNumber())
					.findFirst()
					.orElseThrow());
		ca.revoke(serial, RevocationReason.AFFILIATION_CHANGED);
		OpenSsl.Result revoked = ocsp("-cert", "person.pem");
		assertThat(revoked.output()).contains("Response verify OK")
			.contains("person.pem: revoked")
			.contains("Reason: affiliationChanged");

		OpenSsl.Result forged = ocsp("-serial", "0x" + CertificateSerial.random().hex());
		assertThat(forged.output()).contains("Response verify OK").contains(": unknown");

		// The root answers for the certificates it issued, signing with its own key (RFC 6960 §4.2.2.2).
		download("/pki/ca/tsa.pem", "tsa.pem");
		OpenSsl.Result tsa = openssl.run("ocsp", "-issuer", "root.pem", "-CAfile", "root.pem", "-cert", "tsa.pem", "-url",
				"http://127.0.0.1:" + port + "/pki/ocsp");
		assertThat(tsa.output()).contains("Response verify OK").contains("tsa.pem: good");
	}

	private OpenSsl.Result ocsp(String... certificate) throws Exception {
		String[] arguments = { "ocsp", "-issuer", "personnes.pem", "-CAfile", "root.pem", "-url",
				"http://127.0.0.1:" + port + "/pki/ocsp" };
		String[] all = new String[arguments.length + certificate.length];
		System.arraycopy(arguments, 0, all, 0, arguments.length);
		System.arraycopy(certificate, 0, all, arguments.length, certificate.length);
		return openssl.run(all);
	}

	private void download(String path, String file) throws Exception {
		HttpResponse<byte[]> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		Files.write(directory.resolve(file), response.body());
	}

	private void write(String file, IssuedCertificate certificate) throws Exception {
		Files.writeString(directory.resolve(file), "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.encoded())
				+ "\n-----END CERTIFICATE-----\n");
	}

	/** openssl prints serials as even-length upper-case hexadecimal. */
	private static String padded(CertificateSerial serial) {
		String hex = serial.hex();
		return hex.length() % 2 == 1 ? "0" + hex : hex;
	}

}
