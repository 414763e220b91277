package fr.paraphe.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The application's own temporary directory ({@code paraphe.temp-dir}, one per node): documents on their way
 * through sealing and signing, and uploads (Tomcat writes multipart parts to its {@code uploads} folder). Whoever
 * creates a file deletes it on every path; what a killed node left behind is deleted when the node starts again,
 * before it serves anything. Only this directory is cleaned, never the system's temporary directory.
 */
@Component
public class TemporaryFiles {

	private static final Logger log = LoggerFactory.getLogger(TemporaryFiles.class);

	private final Path directory;

	TemporaryFiles(@Value("${paraphe.temp-dir:${java.io.tmpdir}/paraphe}") Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
		int left = clean();
		if (left > 0) {
			log.warn("Deleted {} temporary files left in {} by an earlier run", left, this.directory);
		}
	}

	/** The directory itself. */
	public Path directory() {
		return directory;
	}

	/** A new empty file in the directory, named {@code prefix…pdf}; the caller deletes it ({@link #delete}). */
	public Path create(String prefix) {
		try {
			return Files.createTempFile(directory, prefix, ".pdf");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Deletes a temporary file, if there is one; a failure is only logged (the next start-up deletes it). */
	public static void delete(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the temporary file {}: {}", file, ex.toString());
		}
	}

	/**
	 * Empties the directory (creating it and its {@code uploads} folder if missing): at start-up, when nothing of
	 * this node can be using it.
	 * @return how many files were deleted
	 */
	final int clean() {
		try {
			Files.createDirectories(directory);
			int deleted = 0;
			try (Stream<Path> files = Files.walk(directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					if (!file.equals(directory)) {
						deleted += Files.isDirectory(file) ? 0 : 1;
						Files.deleteIfExists(file);
					}
				}
			}
			Files.createDirectories(directory.resolve("uploads"));
			return deleted;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the temporary directory " + directory, ex);
		}
	}

}
