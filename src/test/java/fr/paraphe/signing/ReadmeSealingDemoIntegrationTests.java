package fr.paraphe.signing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.paraphe.ExternalTools;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bug 5 of issue 14: the README's sealing demo answered 401 on a fresh start (then 403 for the CGU, 402 for an empty
 * account). This test reads the demo's two lines out of README.md (it breaks when they change) and runs them as a
 * newcomer would on a fresh checkout: the project (pom.xml and src/main) copied into an empty folder, the first line
 * run there in a shell ({@code mvn spring-boot:run} with the variable it names, so Maven compiles and starts the
 * application, which makes its data folder there), and the second with a real curl, on a document {@code doc.pdf}.
 * The only liberty: the port, a free one instead of 8080 (which may be taken), given as the README's "Another port"
 * line says and written into the curl line.
 */
class ReadmeSealingDemoIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void theReadmeSealingDemoSealsADocumentOnAFreshStart() throws Exception {
		String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
		Matcher start = Pattern.compile("`([A-Z_]+)=… (mvn spring-boot:run)`").matcher(readme);
		assertThat(start.find()).as("README's demo start line").isTrue();
		String variable = start.group(1);
		Matcher otherPort = Pattern.compile("`(mvn spring-boot:run -Dspring-boot.run.arguments=--server.port=)9090`")
			.matcher(readme);
		assertThat(otherPort.find()).as("README's other-port line").isTrue();
		Matcher curlLine = Pattern.compile("`(curl [^`]*/api/v1/seals[^`]*)`").matcher(readme);
		assertThat(curlLine.find()).as("README's demo curl line").isTrue();
		String curl = curlLine.group(1);
		assertThat(curl).contains("$" + variable).contains("http://localhost:8080/");
		ExternalTools.require("curl", "curl");
		ExternalTools.require("mvn", "maven");

		Path checkout = Files.createDirectories(directory.resolve("paraphe"));
		Files.copy(Path.of("pom.xml"), checkout.resolve("pom.xml"));
		copyTree(Path.of("src/main"), checkout.resolve("src/main"));
		String key = "pph_demo_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
		int port = freePort();
		Path log = directory.resolve("spring-boot-run.log");
		ProcessBuilder run = new ProcessBuilder("bash", "-c", otherPort.group(1) + port)
			.directory(checkout.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		run.environment().put(variable, key);
		Process application = run.start();
		try {
			awaitStarted(application, port, log);
			writeDocument(checkout.resolve("doc.pdf"));
			ProcessBuilder shell = new ProcessBuilder("bash", "-c",
					curl.replace("http://localhost:8080/", "http://localhost:" + port + "/"))
				.directory(checkout.toFile())
				.redirectErrorStream(true);
			shell.environment().put(variable, key);
			Process process = shell.start();
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(output).isZero();

			byte[] sealed = Files.readAllBytes(checkout.resolve("sealed.pdf"));
			assertThat(new String(sealed, 0, Math.min(sealed.length, 400), StandardCharsets.ISO_8859_1))
				.as("curl wrote the answer: %s", new String(sealed, StandardCharsets.UTF_8))
				.startsWith("%PDF");
			try (PDDocument document = Loader.loadPDF(sealed)) {
				assertThat(document.getSignatureDictionaries()).hasSize(1);
				assertThat(document.getSignatureDictionaries().get(0).getName()).contains("Cabinet D");
			}
			assertThat(checkout.resolve("data")).as("the default profile's data folder, in the checkout").isDirectory();
		}
		finally {
			// Maven forks the application: stop both.
			application.descendants().forEach(ProcessHandle::destroy);
			application.destroy();
			application.waitFor(60, TimeUnit.SECONDS);
			application.descendants().forEach(ProcessHandle::destroyForcibly);
			application.destroyForcibly();
		}
	}

	/** Waits (up to 10 minutes: Maven compiles the project first) until the application answers on its port. */
	private static void awaitStarted(Process application, int port, Path log) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!application.isAlive()) {
				throw new AssertionError("mvn spring-boot:run stopped (exit " + application.exitValue() + "):\n"
						+ tail(log));
			}
			try {
				if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(1000);
		}
		throw new AssertionError("the application did not start in 10 minutes:\n" + tail(log));
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
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
