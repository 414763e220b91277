package fr.paraphe.signing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import fr.paraphe.shared.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The PDFs of a bulk sealing job, from its uploaded parts or from one ZIP, every byte hostile until checked: each
 * file starts with "%PDF-" ({@link PdfInput}), a ZIP's entries are read with their real sizes counted (never the
 * sizes its headers claim) against a total and a ratio to the ZIP's own size (a ZIP bomb stops at the limit, not
 * in memory), and a ZIP holding another ZIP, an entry with a path that climbs out ({@code ..}, absolute, drive
 * letter, backslashes) or anything but PDFs is refused with the entry named.
 */
public final class PdfBundle {

	/** The most a ZIP may expand to, relative to its own size (a text PDF compresses at most about 10:1). */
	static final int MAX_RATIO = 100;

	private PdfBundle() {
	}

	/** A PDF of the bundle: its name (the part's or the entry's, without folders) and its bytes. */
	public record File(String name, byte[] content) {
	}

	/** Whether these first bytes are a ZIP's (a local file header). */
	public static boolean isZip(byte[] head) {
		return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
	}

	/**
	 * Checks uploaded files, each a PDF.
	 * @throws ProblemException 413 {@code signing.jobs.tooMany} over {@code maxFiles}, 415
	 * {@code signing.jobs.notPdf} naming the first file that is not a PDF, 400 {@code signing.jobs.zipAmongFiles}
	 */
	public static List<File> files(List<File> files, int maxFiles) {
		if (files.size() > maxFiles) {
			throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "signing.jobs.tooMany", String.valueOf(maxFiles));
		}
		for (File file : files) {
			if (isZip(file.content())) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.jobs.zipAmongFiles", shown(file.name()));
			}
			if (!PdfInput.startsWithHeader(file.content())) {
				throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "signing.jobs.notPdf", shown(file.name()));
			}
		}
		return files;
	}

	/**
	 * The PDFs of a ZIP of {@code zipSize} bytes. Folders and macOS's {@code __MACOSX/} metadata are skipped.
	 * @throws ProblemException 400 {@code signing.jobs.zip.damaged}, {@code signing.jobs.zip.badName},
	 * {@code signing.jobs.zip.nested}, {@code signing.jobs.zip.empty}; 413 {@code signing.jobs.zip.tooLarge} past
	 * {@code maxBytes} or {@link #MAX_RATIO} times its size, {@code signing.jobs.tooMany}; 415
	 * {@code signing.jobs.notPdf}
	 */
	public static List<File> unzip(InputStream zip, long zipSize, int maxFiles, long maxBytes) {
		long budget = Math.min(maxBytes, Math.max(1L << 20, zipSize * MAX_RATIO));
		long total = 0;
		List<File> files = new ArrayList<>();
		try (ZipInputStream entries = new ZipInputStream(zip, java.nio.charset.StandardCharsets.UTF_8)) {
			ZipEntry entry;
			byte[] buffer = new byte[16 * 1024];
			while ((entry = entries.getNextEntry()) != null) {
				String name = entry.getName();
				checkName(name);
				if (entry.isDirectory() || name.startsWith("__MACOSX/")) {
					continue;
				}
				String lower = name.toLowerCase(Locale.ROOT);
				if (lower.endsWith(".zip") || lower.endsWith(".jar") || lower.endsWith(".7z") || lower.endsWith(".rar")
						|| lower.endsWith(".gz") || lower.endsWith(".tar")) {
					throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.jobs.zip.nested", shown(name));
				}
				if (files.size() >= maxFiles) {
					throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "signing.jobs.tooMany", String.valueOf(maxFiles));
				}
				ByteArrayOutputStream content = new ByteArrayOutputStream();
				int read;
				while ((read = entries.read(buffer)) > 0) {
					total += read;
					if (total > budget) {
						throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "signing.jobs.zip.tooLarge",
								maxBytes / (1024 * 1024));
					}
					content.write(buffer, 0, read);
				}
				byte[] bytes = content.toByteArray();
				if (isZip(bytes)) {
					throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.jobs.zip.nested", shown(name));
				}
				if (!PdfInput.startsWithHeader(bytes)) {
					throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "signing.jobs.notPdf", shown(name));
				}
				files.add(new File(name.substring(name.lastIndexOf('/') + 1), bytes));
			}
		}
		catch (ZipException | java.io.EOFException | IllegalArgumentException damaged) {
			// A truncated or encrypted ZIP, a bad entry name encoding.
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.jobs.zip.damaged");
		}
		catch (IOException failure) {
			throw new java.io.UncheckedIOException(failure);
		}
		if (files.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.jobs.zip.empty");
		}
		return files;
	}

	/** Refuses an entry name that could climb out of a folder or that no system would write. */
	private static void checkName(String name) {
		boolean bad = name.isEmpty() || name.length() > 255 || name.startsWith("/") || name.contains("\\")
				|| name.matches("^[A-Za-z]:.*") || name.chars().anyMatch(Character::isISOControl);
		for (String part : name.split("/")) {
			bad |= part.equals("..");
		}
		if (bad) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.jobs.zip.badName", shown(name));
		}
	}

	/** A name as quoted back in an error message: printable, at most 100 characters. */
	private static String shown(String name) {
		String printable = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
		return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
	}

}
