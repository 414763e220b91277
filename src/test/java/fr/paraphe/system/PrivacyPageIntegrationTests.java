package fr.paraphe.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.registration.internal.RegistrationProperties;
import fr.paraphe.signing.internal.Documents;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /confidentialite}: public, and its periods are the settings in force, not words written beside them. */
@ParapheIntegrationTest
class PrivacyPageIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RegistrationProperties registration;

	@Autowired
	Documents documents;

	@Test
	void anyoneReadsTheRetentionOfEachKindOfDataAsConfigured() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/confidentialite"))
				.header("Accept-Language", "fr")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select("h1").text()).isEqualTo("Vos données personnelles");
		assertThat(page.select("#kept-identityDocuments .duration").text())
			.isEqualTo(registration.documentRetention().toDays() + " jours");
		assertThat(page.select("#kept-documents .duration").text()).isEqualTo(documents.retention().toDays() + " jours");
		assertThat(page.select("#kept-sealDrafts .duration").text()).isEqualTo("1 jour");
		assertThat(page.select("#kept-idempotentSeals .duration").text()).isEqualTo("1 jour");
		assertThat(page.select("#kept-session .duration").text()).isEqualTo("30 minutes d’inactivité");
		assertThat(page.select("#kept-audit .duration").text()).isEqualTo("Tant que le compte ou le cabinet existe");
		assertThat(page.select("#kept-validation .duration").text()).isEqualTo("Pas conservé");
		assertThat(page.select("#privacy-link").attr("href")).isEqualTo("/confidentialite");
	}

}
