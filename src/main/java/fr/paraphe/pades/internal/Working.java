package fr.paraphe.pades.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Semaphore;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * A PDF between two steps of the engine: a byte array for a small document (no file system round trip, no copy
 * into PDFBox's buffers), a temporary file for a large one (PDFBox then caches in temporary files too, so memory
 * stays bounded). What one step makes stays in the same place as its input.
 */
final class Working implements Closeable {

	/** Room for one incremental update (signature with its certificates, DSS dictionary, document time-stamp). */
	private static final int UPDATE_ROOM = 64 * 1024;

	private final byte[] bytes;

	private final Path file;

	private final boolean owned;

	/** Where this document's temporary files go (its own, PDFBox's caches, the next steps'); null for the system's. */
	private final Path directory;

	/**
	 * Kilobytes of heap that documents being signed in memory may take together, a quarter of the heap: under many
	 * concurrent requests (the API answers up to Tomcat's 200 at once), the documents beyond it take the
	 * temporary-file path, so memory stays bounded.
	 */
	private static final Semaphore MEMORY_BUDGET = new Semaphore((int) Math.min(Integer.MAX_VALUE,
			Runtime.getRuntime().maxMemory() / 4 / 1024));

	/** A document in memory costs about this many times its size: itself, PDFBox's objects, each step's output. */
	private static final int MEMORY_FACTOR = 4;

	/** Budget kilobytes this document holds until closed. */
	private int permits;

	private Working(byte[] bytes, Path file, boolean owned, Path directory) {
		this.directory = directory;
		this.bytes = bytes;
		this.file = file;
		this.owned = owned;
	}

	/**
	 * The document to sign: in memory if it is at most {@code limit} bytes and the memory budget has room for it,
	 * else in a temporary file.
	 */
	static Working input(byte[] pdf, int limit, Path directory) throws IOException {
		int kilobytes = kilobytes(pdf.length);
		if (pdf.length <= limit && MEMORY_BUDGET.tryAcquire(kilobytes)) {
			Working working = of(pdf, directory);
			working.permits = kilobytes;
			return working;
		}
		return spill(pdf, directory);
	}

	/** As {@link #input(byte[], int)} for a document in a file, which stays the caller's. */
	static Working input(Path pdf, long size, int limit, Path directory) throws IOException {
		if (size <= limit) {
			int kilobytes = kilobytes(size);
			if (MEMORY_BUDGET.tryAcquire(kilobytes)) {
				try {
					Working working = of(Files.readAllBytes(pdf), directory);
					working.permits = kilobytes;
					return working;
				}
				catch (IOException | RuntimeException failure) {
					MEMORY_BUDGET.release(kilobytes);
					throw failure;
				}
			}
		}
		return file(pdf, false, directory);
	}

	private static int kilobytes(long size) {
		return (int) Math.min(Integer.MAX_VALUE, (size * MEMORY_FACTOR + 1023) / 1024);
	}

	/** A document in memory; the array is not copied and must not change. */
	static Working of(byte[] pdf, Path directory) {
		return new Working(pdf, null, false, directory);
	}

	/** A document in a file; deleted on {@link #close()} if {@code owned}. */
	static Working file(Path pdf, boolean owned, Path directory) {
		return new Working(null, pdf, owned, directory);
	}

	/** A large document given in memory, written to a temporary file so that the steps stream. */
	static Working spill(byte[] pdf, Path directory) throws IOException {
		Path file = temporaryFile(directory, "paraphe-sign-");
		try {
			Files.write(file, pdf);
		}
		catch (IOException failure) {
			Files.deleteIfExists(file);
			throw failure;
		}
		return file(file, true, directory);
	}

	private static Path temporaryFile(Path directory, String prefix) throws IOException {
		return directory == null ? Files.createTempFile(prefix, ".pdf") : Files.createTempFile(directory, prefix, ".pdf");
	}

	/** The document, parsed; in memory for a byte array, with a temporary-file cache for a file. */
	PDDocument load() throws IOException {
		RandomAccessRead source = bytes != null ? new RandomAccessReadBuffer(bytes)
				: new RandomAccessReadBufferedFile(file.toFile());
		return Loader.loadPDF(source, "", null, null,
				bytes != null ? IOUtils.createMemoryOnlyStreamCache()
						: directory == null ? IOUtils.createTempFileOnlyStreamCache()
								: MemoryUsageSetting.setupTempFileOnly().setTempDir(directory.toFile()).streamCache);
	}

	/** The first {@code length} bytes (fewer for a shorter document). */
	byte[] head(int length) throws IOException {
		if (bytes != null) {
			return Arrays.copyOf(bytes, Math.min(length, bytes.length));
		}
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(length);
		}
	}

	interface Writer {

		void write(OutputStream out) throws IOException;

	}

	/** A new document, in the same kind of place as this one, holding what {@code writer} writes. */
	Working derive(Writer writer) throws IOException {
		if (bytes != null) {
			Bytes out = new Bytes(bytes.length + UPDATE_ROOM);
			writer.write(out);
			return of(out.toByteArray(), directory);
		}
		Path next = temporaryFile(directory, "paraphe-step-");
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(next), 65_536)) {
			writer.write(out);
		}
		catch (IOException | RuntimeException failure) {
			Files.deleteIfExists(next);
			throw failure;
		}
		return file(next, true, directory);
	}

	/**
	 * A growable byte array without {@link ByteArrayOutputStream}'s locking: PDFBox writes the hex of /Contents one
	 * byte at a time, and the lock showed in profiles.
	 */
	private static final class Bytes extends OutputStream {

		private byte[] buffer;

		private int count;

		Bytes(int capacity) {
			buffer = new byte[capacity];
		}

		@Override
		public void write(int b) {
			if (count == buffer.length) {
				grow(1);
			}
			buffer[count++] = (byte) b;
		}

		@Override
		public void write(byte[] data, int offset, int length) {
			if (count + length > buffer.length) {
				grow(length);
			}
			System.arraycopy(data, offset, buffer, count, length);
			count += length;
		}

		private void grow(int needed) {
			buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + needed));
		}

		byte[] toByteArray() {
			return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
		}

	}

	void writeTo(OutputStream out) throws IOException {
		if (bytes != null) {
			out.write(bytes);
		}
		else {
			Files.copy(file, out);
		}
	}

	byte[] toBytes() throws IOException {
		return bytes != null ? bytes : Files.readAllBytes(file);
	}

	@Override
	public void close() {
		if (permits > 0) {
			MEMORY_BUDGET.release(permits);
			permits = 0;
		}
		if (owned) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ignored) {
				// a temporary file; the system cleans its temporary directory
			}
		}
	}

}
