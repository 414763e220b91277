package fr.paraphe.validation.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.pdfbox.io.RandomAccessReadBuffer;

/** PDFBox's in-memory input, checking the running validation's deadline at every read and seek. */
final class CancellableBuffer extends RandomAccessReadBuffer {

	CancellableBuffer(ByteBuffer buffer) {
		super(buffer);
	}

	private int reads;

	@Override
	public int read() throws IOException {
		// The parser reads byte by byte: check every 4096 bytes, not at each.
		if ((++reads & 4095) == 0) {
			Cancellation.checkCurrent();
		}
		return super.read();
	}

	@Override
	public int read(byte[] b, int offset, int length) throws IOException {
		Cancellation.checkCurrent();
		return super.read(b, offset, length);
	}

	@Override
	public void seek(long position) throws IOException {
		Cancellation.checkCurrent();
		super.seek(position);
	}

}
