package fr.paraphe.system;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import fr.paraphe.ParapheApplication;
import fr.paraphe.notification.MailProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One public URL, {@code paraphe.public-base-url}, read by the PKI (CRL/OCSP/CA URLs in certificates) and by
 * e-mails. Run on another port, the service once left both on 8080, and pdfsig could not check the chain.
 */
class PublicBaseUrlTests {

	@Test
	void theDefaultProfileDerivesCertificateAndMailUrlsFromTheActualPort() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ParapheApplication.class).run(
				"--server.port=" + port,
				"--spring.datasource.url=jdbc:h2:mem:public-url;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
				"--paraphe.pki.master-key=dGVzdC1vbmx5LW1hc3Rlci1rZXktZm9yLXBhcmFwaGU=",
				"--paraphe.pki.key-pool-size=0")) {
			HttpResponse<byte[]> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/pki/ca/cachets.crt")).build(),
						HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			X509Certificate issuing = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(response.body()));
			// The CRL distribution point (2.5.29.31) and the AIA (1.3.6.1.5.5.7.1.1) carry plain IA5 URLs.
			String extensions = new String(issuing.getExtensionValue("2.5.29.31"), StandardCharsets.ISO_8859_1)
					+ new String(issuing.getExtensionValue("1.3.6.1.5.5.7.1.1"), StandardCharsets.ISO_8859_1);
			assertThat(extensions).contains("http://localhost:" + port + "/pki/crl/root.crl")
				.contains("http://localhost:" + port + "/pki/ca/root.crt")
				.doesNotContain(":8080");
			assertThat(context.getBean(MailProperties.class).baseUrl()).isEqualTo("http://localhost:" + port);
		}
	}

	@Test
	void theProdProfileRequiresThePublicUrl() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(ParapheApplication.class).profiles("prod");

		assertThatThrownBy(() -> application.run("--server.port=0", "--paraphe.demo-idp.enabled=false",
				"--spring.datasource.url=jdbc:h2:mem:prod-url;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"))
			.hasStackTraceContaining("PARAPHE_PUBLIC_BASE_URL");
	}

}
