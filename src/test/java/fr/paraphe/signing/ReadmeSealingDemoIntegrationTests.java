package fr.paraphe.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.ExternalTools;
import fr.paraphe.ParapheApplication;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bug 5 of issue 14: the README's sealing demo answered 401 on a fresh start (then 403 for the CGU, 402 for an empty
 * account). This test reads the demo's two lines out of README.md (it breaks when they change), starts the
 * application as the first says (default profile, the variable it names set, a fresh data folder, nothing else),
 * and runs the second with a real curl in a shell, on a document {@code doc.pdf}. The only liberty: the port, 0
 * instead of 8080 (which may be taken), written into the curl line.
 */
class ReadmeSealingDemoIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void theReadmeSealingDemoSealsADocumentOnAFreshStart() throws Exception {
		String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
		Matcher start = Pattern.compile("`([A-Z_]+)=… mvn spring-boot:run`").matcher(readme);
		assertThat(start.find()).as("README's demo start line").isTrue();
		String variable = start.group(1);
		Matcher curlLine = Pattern.compile("`(curl [^`]*/api/v1/seals[^`]*)`").matcher(readme);
		assertThat(curlLine.find()).as("README's demo curl line").isTrue();
		String curl = curlLine.group(1);
		assertThat(curl).contains("$" + variable).contains("http://localhost:8080/");
		ExternalTools.require("curl", "curl");

		String key = "pph_demo_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
		Path data = Files.createDirectories(directory.resolve("data"));
		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(ParapheApplication.class)
			.run("--" + variable + "=" + key, "--server.port=0",
					// ./data/ in a fresh folder rather than the working copy's
					"--spring.datasource.url=jdbc:h2:file:" + data.resolve("paraphe")
							+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
					"--paraphe.pki.master-key-file=" + data.resolve("master.key"),
					"--paraphe.validation.lotl.cache-directory=" + data.resolve("lotl"))) {
			int port = ((WebServerApplicationContext) application).getWebServer().getPort();
			writeDocument(directory.resolve("doc.pdf"));

			ProcessBuilder shell = new ProcessBuilder("bash", "-c",
					curl.replace("http://localhost:8080/", "http://localhost:" + port + "/"))
				.directory(directory.toFile())
				.redirectErrorStream(true);
			shell.environment().put(variable, key);
			Process process = shell.start();
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(output).isZero();

			byte[] sealed = Files.readAllBytes(directory.resolve("sealed.pdf"));
			assertThat(new String(sealed, 0, Math.min(sealed.length, 400), StandardCharsets.ISO_8859_1))
				.as("curl wrote the answer: %s", new String(sealed, StandardCharsets.UTF_8))
				.startsWith("%PDF");
			try (PDDocument document = Loader.loadPDF(sealed)) {
				assertThat(document.getSignatureDictionaries()).hasSize(1);
				assertThat(document.getSignatureDictionaries().get(0).getName()).contains("Cabinet D");
			}
		}
	}

	private static void writeDocument(Path file) throws IOException {
		try (PDDocument document = new PDDocument()) {
			document.addPage(new PDPage());
			document.save(file.toFile());
		}
	}

}
