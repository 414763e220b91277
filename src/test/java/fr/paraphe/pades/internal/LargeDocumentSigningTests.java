package fr.paraphe.pades.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import fr.paraphe.ExternalTools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 4: a 100 MB PDF is signable with {@code -Xmx256m}, the byte ranges being streamed. */
class LargeDocumentSigningTests {

	@Test
	void aHundredMegabytePdfIsSignedWithAQuarterGigabyteHeap(@TempDir Path temp) throws Exception {
		Path in = temp.resolve("large.pdf");
		Path out = temp.resolve("large-signed.pdf");
		LargeDocumentSigning.write(in, 100L << 20);
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-Djava.io.tmpdir=" + temp, "-cp", classPath, LargeDocumentSigning.class.getName(),
				in.toString(), out.toString()))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("max heap");
		assertThat(Files.size(out)).isGreaterThan(Files.size(in));
		// Required like every other tool: missing in CI fails, missing locally skips (after the signing was checked).
		Path pdfsig = ExternalTools.require("pdfsig", "poppler-utils");
		Process check = new ProcessBuilder(pdfsig.toString(), "-nocert", out.toString()).redirectErrorStream(true).start();
		String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(report).contains("Signature is Valid.").contains("Total document signed");
	}

}
