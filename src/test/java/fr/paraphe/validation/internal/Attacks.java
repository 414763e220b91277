package fr.paraphe.validation.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw byte edits on signed PDFs: hand-written incremental updates (ISO 32000-1 §7.5.6) with a correct
 * cross-reference section, as an attacker would write them.
 */
final class Attacks {

	private static final Pattern OBJECT_HEADER = Pattern.compile("(?m)^(\\d+) (\\d+) obj");

	private static final Pattern ROOT = Pattern.compile("/Root\\s+(\\d+\\s+\\d+\\s+R)");

	private static final Pattern SIZE = Pattern.compile("/Size\\s+(\\d+)");

	private Attacks() {
	}

	/**
	 * Appends an incremental update made of {@code objects} ("N G obj ... endobj" blocks), with a cross-reference
	 * section for exactly those objects and a trailer whose /Prev points to the previous section.
	 */
	static byte[] appendUpdate(byte[] pdf, String objects) {
		String text = new String(pdf, StandardCharsets.ISO_8859_1);
		int startxref = text.lastIndexOf("startxref");
		long previous = Long.parseLong(text.substring(startxref + 9).trim().split("\\s+")[0]);
		String trailer = text.substring(text.lastIndexOf("trailer"));
		Matcher root = ROOT.matcher(trailer);
		Matcher size = SIZE.matcher(trailer);
		if (!root.find() || !size.find()) {
			throw new IllegalStateException("no classic trailer to extend");
		}
		int highest = Integer.parseInt(size.group(1)) - 1;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(pdf);
		out.writeBytes("\n".getBytes(StandardCharsets.ISO_8859_1));
		long base = out.size();
		Matcher header = OBJECT_HEADER.matcher(objects);
		List<long[]> entries = new ArrayList<>();
		while (header.find()) {
			int number = Integer.parseInt(header.group(1));
			entries.add(new long[] { number, Integer.parseInt(header.group(2)),
					base + objects.substring(0, header.start()).getBytes(StandardCharsets.ISO_8859_1).length });
			highest = Math.max(highest, number);
		}
		out.writeBytes(objects.getBytes(StandardCharsets.ISO_8859_1));
		long xref = out.size();
		StringBuilder section = new StringBuilder("xref\n");
		for (long[] entry : entries) {
			section.append(entry[0]).append(" 1\n").append(String.format("%010d %05d n \n", entry[2], entry[1]));
		}
		section.append("trailer\n<< /Size ")
			.append(highest + 1)
			.append(" /Root ")
			.append(root.group(1))
			.append(" /Prev ")
			.append(previous)
			.append(" >>\nstartxref\n")
			.append(xref)
			.append("\n%%EOF\n");
		out.writeBytes(section.toString().getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}

	/** The first object number not used yet. */
	static int nextObjectNumber(byte[] pdf) {
		String text = new String(pdf, StandardCharsets.ISO_8859_1);
		Matcher size = SIZE.matcher(text.substring(text.lastIndexOf("trailer")));
		if (!size.find()) {
			throw new IllegalStateException("no /Size");
		}
		return Integer.parseInt(size.group(1));
	}

	/** The text of object {@code number} as last defined in the file (the body between "obj" and "endobj"). */
	static String objectBody(byte[] pdf, int number) {
		String text = new String(pdf, StandardCharsets.ISO_8859_1);
		int at = text.lastIndexOf("\n" + number + " 0 obj");
		if (at < 0) {
			throw new IllegalStateException("object " + number + " not found");
		}
		int start = text.indexOf("obj", at) + 3;
		return text.substring(start, text.indexOf("endobj", start)).trim();
	}

}
