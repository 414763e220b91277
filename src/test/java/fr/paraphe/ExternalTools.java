package fr.paraphe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program of the machine (chromium, openssl, pdfsig, softhsm2-util): in CI ({@code CI=true},
 * where {@code .ci/run} installs them) a missing program fails the test; on a developer's machine without
 * it, the test is skipped with the package to install.
 */
public final class ExternalTools {

	private ExternalTools() {
	}

	/**
	 * The path of {@code program} on the PATH (or at an absolute path).
	 * @param debianPackage what to install to get it, for the message
	 */
	public static Path require(String program, String debianPackage) {
		Optional<Path> found = find(program);
		if (found.isPresent()) {
			return found.get();
		}
		String message = program + " is not installed (Debian package " + debianPackage + ")";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.fail(message + ": .ci/run must install it");
		}
		Assumptions.abort(message + ": test skipped");
		throw new IllegalStateException("unreachable");
	}

	public static Optional<Path> find(String program) {
		if (program.startsWith("/")) {
			Path path = Path.of(program);
			return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
		}
		String pathVariable = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
		return Arrays.stream(pathVariable.split(":"))
			.map(dir -> Path.of(dir, program))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
