package fr.paraphe.validation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes PDFs byte by byte, with a correct cross-reference table, to build hostile structures PDFBox refuses to write. */
public final class RawPdf {

	private final List<byte[]> objects = new ArrayList<>();

	/** Adds object number {@code size()+1}, its body between "obj" and "endobj". */
	public RawPdf object(String body) {
		return object(body.getBytes(StandardCharsets.ISO_8859_1));
	}

	public RawPdf object(byte[] body) {
		objects.add(body);
		return this;
	}

	/** A stream object: the dictionary entries (without /Length) and the raw bytes. */
	public RawPdf stream(String dictionaryEntries, byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(("<< " + dictionaryEntries + " /Length " + data.length + " >>\nstream\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(data);
		out.writeBytes("\nendstream".getBytes(StandardCharsets.ISO_8859_1));
		return object(out.toByteArray());
	}

	public int size() {
		return objects.size();
	}

	/** The file, object 1 being the catalog. */
	public byte[] build() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
		long[] offsets = new long[objects.size()];
		for (int i = 0; i < objects.size(); i++) {
			offsets[i] = out.size();
			write(out, (i + 1) + " 0 obj\n");
			out.writeBytes(objects.get(i));
			write(out, "\nendobj\n");
		}
		long xref = out.size();
		StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
		for (long offset : offsets) {
			table.append(String.format("%010d 00000 n \n", offset));
		}
		write(out, table.toString());
		write(out, "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
		return out.toByteArray();
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
	}

}
