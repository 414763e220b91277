package fr.paraphe.pki.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.ExternalTools;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A SoftHSM2 token for tests, in its own directory: SoftHSM2 reads {@code SOFTHSM2_CONF} (set by the
 * Surefire configuration in pom.xml) when the JVM first loads it, so this class writes that file and
 * initialises one token before any PKCS#11 call, once per JVM.
 */
final class SoftHsm {

	static final String PIN = "4321-test";

	static final String[] LIBRARIES = { "/usr/lib/softhsm/libsofthsm2.so",
			"/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so" };

	private static PkiProperties.Pkcs11 token;

	private SoftHsm() {
	}

	/** The settings of the test token, initialised on first call. Skips (or fails in CI) without SoftHSM2. */
	static synchronized PkiProperties.Pkcs11 token() throws IOException, InterruptedException {
		if (token != null) {
			return token;
		}
		Path util = ExternalTools.require("softhsm2-util", "softhsm2");
		String library = null;
		for (String candidate : LIBRARIES) {
			if (Files.exists(Path.of(candidate))) {
				library = candidate;
			}
		}
		Assertions.assertNotNull(library, "softhsm2-util is installed but libsofthsm2.so was not found");
		String conf = System.getenv("SOFTHSM2_CONF");
		if (conf == null) {
			String message = "SOFTHSM2_CONF is not set: run the PKCS#11 tests through Maven (pom.xml sets it)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message);
			}
			Assumptions.abort(message);
		}
		Path confFile = Path.of(conf);
		Path tokens = confFile.getParent().resolve("tokens");
		if (Files.exists(tokens)) {
			try (var walk = Files.walk(tokens)) {
				walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
		Files.createDirectories(tokens);
		Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
				+ "log.level = ERROR\nslots.removable = false\n");
		Process process = new ProcessBuilder(List.of(util.toString(), "--init-token", "--free", "--label",
				"paraphe-test", "--pin", PIN, "--so-pin", "8765-test-so"))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(60, TimeUnit.SECONDS);
		Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(output);
		Assertions.assertTrue(slot.find(), "softhsm2-util did not initialise a token: " + output);
		token = new PkiProperties.Pkcs11(library, Long.parseLong(slot.group(1)), PIN);
		return token;
	}

}
