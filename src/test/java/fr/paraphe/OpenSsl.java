package fr.paraphe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's {@code openssl} from tests: the output (stdout and stderr together) and the exit code. */
public final class OpenSsl {

	public record Result(int exitCode, String output) {
	}

	private final Path program;

	private final Path directory;

	public OpenSsl(Path directory) {
		this.program = ExternalTools.require("openssl", "openssl");
		this.directory = directory;
	}

	public Result run(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(program.toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("openssl did not finish: " + command);
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

}
