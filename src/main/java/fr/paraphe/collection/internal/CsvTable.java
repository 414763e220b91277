package fr.paraphe.collection.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A CSV file as spreadsheets write it, read leniently but never guessed wrong: UTF-8 with or without a byte-order
 * mark, or Windows-1252 (French Excel's "CSV (séparateur : point-virgule)") when the bytes are not valid UTF-8;
 * cells separated by {@code ;} or {@code ,} (whichever the header line uses more, outside quotes); quoted cells with
 * doubled quotes and line breaks (RFC 4180); CR LF or LF. Each row keeps the line of the file where it starts, for
 * the errors shown to the person.
 */
public final class CsvTable {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	/** A row: its cells, and the line of the file where it starts (the header is line 1). */
	public record Row(int line, List<String> cells) {
	}

	/** Why a file could not be read as a table. */
	public static final class Unreadable extends Exception {

		private static final long serialVersionUID = 1L;

		/** {@code empty}, {@code quote} (a quote never closed) */
		private final String reason;

		Unreadable(String reason) {
			super(reason);
			this.reason = reason;
		}

		public String reason() {
			return reason;
		}

	}

	private final List<String> header;

	private final List<Row> rows;

	private CsvTable(List<String> header, List<Row> rows) {
		this.header = header;
		this.rows = rows;
	}

	public List<String> header() {
		return header;
	}

	/** The rows after the header, blank lines left out. */
	public List<Row> rows() {
		return rows;
	}

	/** The text of a CSV file: UTF-8 (its BOM dropped) if valid, Windows-1252 otherwise. */
	public static String decode(byte[] bytes) {
		int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
				? 3 : 0;
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
				.toString();
		}
		catch (CharacterCodingException notUtf8) {
			return new String(bytes, WINDOWS_1252);
		}
	}

	/**
	 * Reads a table.
	 * @param maxRows rows beyond the header; one more makes {@link Unreadable} {@code tooLong}
	 * @throws Unreadable {@code empty}, {@code quote} or {@code tooLong}
	 */
	public static CsvTable parse(byte[] bytes, int maxRows) throws Unreadable {
		String text = decode(bytes);
		if (text.isBlank()) {
			throw new Unreadable("empty");
		}
		char separator = separator(text);
		List<Row> all = new ArrayList<>();
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		int line = 1;
		int rowLine = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						cell.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					cell.append(c);
				}
				continue;
			}
			if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
				quoted = true;
				wasQuoted = true;
				cell.setLength(0);
			}
			else if (c == separator) {
				cells.add(cell.toString());
				cell.setLength(0);
				wasQuoted = false;
			}
			else if (c == '\r' || c == '\n') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				cells.add(cell.toString());
				cell.setLength(0);
				wasQuoted = false;
				addRow(all, rowLine, cells, maxRows);
				cells = new ArrayList<>();
				line++;
				rowLine = line;
			}
			else if (!wasQuoted) {
				cell.append(c);
			}
		}
		if (quoted) {
			throw new Unreadable("quote");
		}
		if (cell.length() > 0 || !cells.isEmpty()) {
			cells.add(cell.toString());
			addRow(all, rowLine, cells, maxRows);
		}
		if (all.isEmpty()) {
			throw new Unreadable("empty");
		}
		List<String> header = all.get(0).cells().stream().map(String::strip).toList();
		return new CsvTable(header, List.copyOf(all.subList(1, all.size())));
	}

	private static void addRow(List<Row> all, int line, List<String> cells, int maxRows) throws Unreadable {
		if (cells.stream().allMatch(String::isBlank)) {
			return;
		}
		if (all.size() > maxRows) {
			throw new Unreadable("tooLong");
		}
		all.add(new Row(line, List.copyOf(cells)));
	}

	/** {@code ;} or {@code ,}: whichever the first line has more of, outside quotes ({@code ;} on a tie). */
	static char separator(String text) {
		int semicolons = 0;
		int commas = 0;
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && (c == '\n' || c == '\r')) {
				break;
			}
			else if (!quoted && c == ';') {
				semicolons++;
			}
			else if (!quoted && c == ',') {
				commas++;
			}
		}
		return commas > semicolons ? ',' : ';';
	}

	/** A column's name compared loosely: lower case, no accents, letters and digits only ("E-mail" → "email"). */
	public static String key(String name) {
		String plain = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	/** The index of the first column whose {@link #key} is one of {@code keys}, or -1. */
	public int column(String... keys) {
		List<String> wanted = Arrays.asList(keys);
		for (int i = 0; i < header.size(); i++) {
			if (wanted.contains(key(header.get(i)))) {
				return i;
			}
		}
		return -1;
	}

}
