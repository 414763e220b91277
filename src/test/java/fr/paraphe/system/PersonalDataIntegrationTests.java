package fr.paraphe.system;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.signing.internal.Documents;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Mes données" on Votre compte: a ZIP with the JSON of what Paraphe holds about the person and the documents they
 * may still download; another person's data is never in it.
 */
@ParapheIntegrationTest
class PersonalDataIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@Autowired
	Documents documents;

	@Test
	void thePersonDownloadsTheirDataAndTheDocumentsTheyMayStillSee() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		assertThat(Jsoup.parse(expert.get("/compte").body()).select("#my-data-link").attr("href"))
			.isEqualTo("/compte/mes-donnees");
		User me = users.findBySubject("demo-expert").orElseThrow();

		HttpResponse<byte[]> response = expert.getBytes("/compte/mes-donnees");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
		Map<String, byte[]> entries = unzip(response.body());
		String json = new String(entries.get("mes-donnees.json"), StandardCharsets.UTF_8);
		assertThat(json).contains("\"profil\"", me.email(), "\"acceptationsCgu\"", "\"enregistrements\"", "\"certificats\"",
				"\"cabinet\"", "\"documents\"");
		assertThat(json).doesNotContain("julien.bernard@cabinet-demo.fr");
		long available = documents.search(me.id(), Documents.Search.ALL).stream().filter(Documents.Document::available).count();
		assertThat(entries.keySet().stream().filter(name -> name.startsWith("documents/"))).hasSize((int) available);

		DemoLogin officer = new DemoLogin(port).loginAs("officier");
		String officerJson = new String(unzip(officer.getBytes("/compte/mes-donnees").body()).get("mes-donnees.json"),
				StandardCharsets.UTF_8);
		assertThat(officerJson).contains("sophie.leroy@paraphe.example").doesNotContain(me.email());
	}

	private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

}
