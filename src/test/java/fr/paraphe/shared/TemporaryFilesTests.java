package fr.paraphe.shared;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's temporary directory is emptied when a node starts, and only it. */
class TemporaryFilesTests {

	@Test
	void whatAKilledNodeLeftIsDeletedAtStartUpAndNothingOutsideTheDirectory(@TempDir Path root) throws Exception {
		Path directory = root.resolve("paraphe");
		Files.createDirectories(directory.resolve("uploads"));
		Files.writeString(directory.resolve("paraphe-seal-in-1.pdf"), "left by a crash");
		Files.writeString(directory.resolve("uploads").resolve("upload_1.tmp"), "left by a crash");
		Path outside = Files.writeString(root.resolve("someone-else.pdf"), "not ours");

		TemporaryFiles started = new TemporaryFiles(directory);

		try (var left = Files.walk(directory)) {
			assertThat(left.filter(Files::isRegularFile)).isEmpty();
		}
		assertThat(directory.resolve("uploads")).isDirectory();
		assertThat(outside).exists();
		Path created = started.create("paraphe-test-");
		assertThat(created.getParent()).isEqualTo(directory.toAbsolutePath());
		TemporaryFiles.delete(created);
		assertThat(created).doesNotExist();
	}

	@Test
	void aMissingDirectoryIsCreated(@TempDir Path root) {
		TemporaryFiles started = new TemporaryFiles(root.resolve("a").resolve("b"));
		assertThat(started.directory()).isDirectory();
		assertThat(started.directory().resolve("uploads")).isDirectory();
	}

}
