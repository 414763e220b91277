package fr.paraphe.validation.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The cross-reference data of one revision (the file's first {@code length} bytes), read strictly (ISO 32000-1
 * §7.5.4, §7.5.6, §7.5.8): {@code startxref} must point exactly at a section, each section's {@code /Prev} at the
 * previous one, and every in-use entry at the header "N G obj" of its own object. No search, no repair: where a
 * lenient reader (PDFBox's brute-force recovery) would go looking for an object elsewhere in the bytes, and might
 * find the one an attacker planted there, this reader refuses ({@link NotStrict}).
 *
 * <p>
 * Free entries are kept: a later section that marks a signed object free (a viewer then reads any reference to it
 * as null) while PDFBox keeps the older entry is the "hide via xref" shadow attack.
 * </p>
 */
final class CrossReferences {

	/** One entry: {@code type} 'n' (at {@code offset}), 'c' (in object stream {@code offset}) or 'f' (free). */
	record Entry(char type, long offset, int generation) {
	}

	/** The cross-reference data does not parse strictly. */
	static final class NotStrict extends Exception {

		NotStrict(String message) {
			super(message);
		}

	}

	private static final int MAX_SECTIONS = 1024;

	private static final int MAX_ENTRIES = 4_000_000;

	private final Map<Long, Entry> entries;

	private CrossReferences(Map<Long, Entry> entries) {
		this.entries = entries;
	}

	/** The newest entry of an object number, null if no section names it. */
	Entry entry(long number) {
		return entries.get(number);
	}

	Map<Long, Entry> entries() {
		return entries;
	}

	static CrossReferences read(byte[] bytes, int length) throws NotStrict {
		Reader reader = new Reader(bytes, length);
		long start = reader.startxref();
		Map<Long, Entry> entries = new HashMap<>();
		Set<Long> visited = new HashSet<>();
		Long offset = start;
		while (offset != null) {
			if (!visited.add(offset) || visited.size() > MAX_SECTIONS) {
				throw new NotStrict("the chain of cross-reference sections loops or is too long");
			}
			offset = reader.section(offset, entries);
			if (entries.size() > MAX_ENTRIES) {
				throw new NotStrict("too many cross-reference entries");
			}
		}
		for (Map.Entry<Long, Entry> entry : entries.entrySet()) {
			reader.check(entry.getKey(), entry.getValue(), entries);
		}
		return new CrossReferences(entries);
	}

	/** A strict reader of sections, keeping the first (newest) entry of each object number. */
	private static final class Reader {

		private final byte[] bytes;

		private final int length;

		private int position;

		Reader(byte[] bytes, int length) {
			this.bytes = bytes;
			this.length = length;
		}

		long startxref() throws NotStrict {
			String tail = new String(bytes, Math.max(0, length - 1024), Math.min(1024, length),
					StandardCharsets.ISO_8859_1);
			int at = tail.lastIndexOf("startxref");
			if (at < 0) {
				throw new NotStrict("no startxref at the end of the revision");
			}
			String[] rest = tail.substring(at + 9).trim().split("\\s+");
			try {
				long offset = Long.parseLong(rest[0]);
				if (offset <= 0 || offset >= length) {
					throw new NotStrict("startxref points outside the revision");
				}
				return offset;
			}
			catch (NumberFormatException ex) {
				throw new NotStrict("startxref is not a number");
			}
		}

		/** Reads the section at {@code offset} into {@code entries}; returns the previous section's offset. */
		Long section(long offset, Map<Long, Entry> entries) throws NotStrict {
			if (offset <= 0 || offset >= length) {
				throw new NotStrict("a cross-reference section offset points outside the revision");
			}
			position = (int) offset;
			if (startsWith("xref")) {
				position += 4;
				Map<String, Object> trailer = table(entries);
				Object stream = trailer.get("XRefStm");
				if (stream instanceof Long streamOffset) {
					// ISO 32000-1 §7.5.8.4: a hybrid file's stream holds the entries the table lacks.
					int saved = position;
					Map<Long, Entry> hidden = new HashMap<>();
					stream(streamOffset, hidden);
					hidden.forEach(entries::putIfAbsent);
					position = saved;
				}
				return previous(trailer);
			}
			return previous(stream(offset, entries));
		}

		private Long previous(Map<String, Object> dictionary) throws NotStrict {
			Object prev = dictionary.get("Prev");
			if (prev == null) {
				return null;
			}
			if (prev instanceof Long value) {
				return value;
			}
			throw new NotStrict("/Prev is not a number");
		}

		private Map<String, Object> table(Map<Long, Entry> entries) throws NotStrict {
			while (true) {
				skipWhitespace();
				if (startsWith("trailer")) {
					position += 7;
					skipWhitespace();
					return dictionary();
				}
				long first = number();
				long count = number();
				if (first < 0 || count < 0 || count > MAX_ENTRIES) {
					throw new NotStrict("bad cross-reference subsection");
				}
				for (long i = 0; i < count; i++) {
					long offset = number();
					long generation = number();
					skipWhitespace();
					if (position >= length) {
						throw new NotStrict("cross-reference table cut short");
					}
					char type = (char) bytes[position++];
					if (type != 'n' && type != 'f') {
						throw new NotStrict("bad cross-reference entry type");
					}
					entries.putIfAbsent(first + i, new Entry(type, offset, (int) generation));
				}
			}
		}

		/** An xref stream (ISO 32000-1 §7.5.8) at {@code offset}: its entries, and its dictionary. */
		@SuppressWarnings("unchecked")
		private Map<String, Object> stream(long offset, Map<Long, Entry> entries) throws NotStrict {
			if (offset <= 0 || offset >= length) {
				throw new NotStrict("a cross-reference stream offset points outside the revision");
			}
			position = (int) offset;
			number();
			number();
			skipWhitespace();
			if (!startsWith("obj")) {
				throw new NotStrict("no cross-reference section at the offset given");
			}
			position += 3;
			skipWhitespace();
			Map<String, Object> dictionary = dictionary();
			if (!"/XRef".equals(dictionary.get("Type"))) {
				throw new NotStrict("the object at a cross-reference offset is not an xref stream");
			}
			skipWhitespace();
			if (!startsWith("stream")) {
				throw new NotStrict("xref stream without data");
			}
			position += 6;
			if (position < length && bytes[position] == '\r') {
				position++;
			}
			if (position < length && bytes[position] == '\n') {
				position++;
			}
			if (!(dictionary.get("Length") instanceof Long size) || size < 0 || position + size > length) {
				throw new NotStrict("xref stream /Length missing, indirect or too long");
			}
			byte[] data = java.util.Arrays.copyOfRange(bytes, position, position + size.intValue());
			Object filter = dictionary.get("Filter");
			if (filter instanceof List<?> filters && filters.size() == 1) {
				filter = filters.get(0);
			}
			if ("/FlateDecode".equals(filter)) {
				data = inflate(data);
				Object parameters = dictionary.get("DecodeParms");
				if (parameters instanceof List<?> list && list.size() == 1) {
					parameters = list.get(0);
				}
				if (parameters instanceof Map<?, ?> map && map.get("Predictor") instanceof Long predictor
						&& predictor >= 10) {
					long columns = map.get("Columns") instanceof Long value ? value : 1;
					data = png(data, (int) columns);
				}
			}
			else if (filter != null) {
				throw new NotStrict("unsupported xref stream filter");
			}
			if (!(dictionary.get("W") instanceof List<?> widths) || widths.size() != 3
					|| !(dictionary.get("Size") instanceof Long size2)) {
				throw new NotStrict("xref stream without /W or /Size");
			}
			int[] w = new int[3];
			for (int i = 0; i < 3; i++) {
				if (!(widths.get(i) instanceof Long value) || value < 0 || value > 8) {
					throw new NotStrict("bad /W");
				}
				w[i] = value.intValue();
			}
			List<Long> index = new ArrayList<>();
			if (dictionary.get("Index") instanceof List<?> list) {
				for (Object value : list) {
					if (!(value instanceof Long number)) {
						throw new NotStrict("bad /Index");
					}
					index.add(number);
				}
			}
			else {
				index.add(0L);
				index.add(size2);
			}
			int rowLength = w[0] + w[1] + w[2];
			int row = 0;
			for (int i = 0; i + 1 < index.size(); i += 2) {
				for (long number = index.get(i); number < index.get(i) + index.get(i + 1); number++) {
					if ((long) (row + 1) * rowLength > data.length || rowLength == 0) {
						throw new NotStrict("xref stream shorter than its /Index");
					}
					int at = row++ * rowLength;
					long type = w[0] == 0 ? 1 : field(data, at, w[0]);
					long second = field(data, at + w[0], w[1]);
					long third = field(data, at + w[0] + w[1], w[2]);
					if (type == 0) {
						entries.putIfAbsent(number, new Entry('f', second, (int) third));
					}
					else if (type == 1) {
						entries.putIfAbsent(number, new Entry('n', second, (int) third));
					}
					else if (type == 2) {
						entries.putIfAbsent(number, new Entry('c', second, (int) third));
					}
				}
			}
			return dictionary;
		}

		/** Every in-use entry must point at its own object's header; a compressed one at an in-use stream. */
		void check(long number, Entry entry, Map<Long, Entry> entries) throws NotStrict {
			if (entry.type() == 'n') {
				if (entry.offset() <= 0 || entry.offset() >= length) {
					throw new NotStrict("object " + number + " points outside the revision");
				}
				position = (int) entry.offset();
				// Some writers put the EOL of the previous line at the offset: whitespace only is skipped.
				skipWhitespace();
				long found = number();
				long generation = number();
				skipWhitespace();
				if (found != number || generation != entry.generation() || !startsWith("obj")) {
					throw new NotStrict("the entry of object " + number + " points at another object");
				}
			}
			else if (entry.type() == 'c') {
				Entry container = entries.get(entry.offset());
				if (container == null || container.type() != 'n') {
					throw new NotStrict("object " + number + " is in an object stream that does not exist");
				}
			}
		}

		private static long field(byte[] data, int at, int width) {
			long value = 0;
			for (int i = 0; i < width; i++) {
				value = (value << 8) | (data[at + i] & 0xff);
			}
			return value;
		}

		private static byte[] inflate(byte[] data) throws NotStrict {
			Inflater inflater = new Inflater();
			try {
				inflater.setInput(data);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				byte[] buffer = new byte[8192];
				while (!inflater.finished()) {
					int count = inflater.inflate(buffer);
					if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
						break;
					}
					out.write(buffer, 0, count);
					if (out.size() > 64 * MAX_ENTRIES) {
						throw new NotStrict("xref stream too large");
					}
				}
				return out.toByteArray();
			}
			catch (DataFormatException ex) {
				throw new NotStrict("xref stream not deflated");
			}
			finally {
				inflater.end();
			}
		}

		/** PNG predictors (RFC 2083 §6), one filter-type byte per row. */
		private static byte[] png(byte[] data, int columns) throws NotStrict {
			int rowLength = columns + 1;
			if (columns <= 0 || data.length % rowLength != 0) {
				throw new NotStrict("xref stream rows do not match /Columns");
			}
			int rows = data.length / rowLength;
			byte[] out = new byte[rows * columns];
			byte[] previous = new byte[columns];
			for (int r = 0; r < rows; r++) {
				int filter = data[r * rowLength] & 0xff;
				byte[] current = new byte[columns];
				for (int c = 0; c < columns; c++) {
					int raw = data[r * rowLength + 1 + c] & 0xff;
					int left = c > 0 ? current[c - 1] & 0xff : 0;
					int up = previous[c] & 0xff;
					int upLeft = c > 0 ? previous[c - 1] & 0xff : 0;
					int value = switch (filter) {
						case 0 -> raw;
						case 1 -> raw + left;
						case 2 -> raw + up;
						case 3 -> raw + (left + up) / 2;
						case 4 -> raw + paeth(left, up, upLeft);
						default -> throw new NotStrict("bad PNG row filter");
					};
					current[c] = (byte) value;
				}
				System.arraycopy(current, 0, out, r * columns, columns);
				previous = current;
			}
			return out;
		}

		private static int paeth(int a, int b, int c) {
			int p = a + b - c;
			int pa = Math.abs(p - a);
			int pb = Math.abs(p - b);
			int pc = Math.abs(p - c);
			return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
		}

		// --- a small tokenizer for trailer and xref stream dictionaries (direct values; references kept as text)

		private Map<String, Object> dictionary() throws NotStrict {
			if (!startsWith("<<")) {
				throw new NotStrict("dictionary expected");
			}
			position += 2;
			Map<String, Object> dictionary = new LinkedHashMap<>();
			while (true) {
				skipWhitespace();
				if (startsWith(">>")) {
					position += 2;
					return dictionary;
				}
				Object key = value(0);
				if (!(key instanceof String name) || !name.startsWith("/")) {
					throw new NotStrict("dictionary key expected");
				}
				dictionary.put(name.substring(1), value(0));
			}
		}

		private Object value(int depth) throws NotStrict {
			if (depth > 32) {
				throw new NotStrict("nested too deeply");
			}
			skipWhitespace();
			if (position >= length) {
				throw new NotStrict("unexpected end of the revision");
			}
			byte b = bytes[position];
			if (startsWith("<<")) {
				return dictionary();
			}
			if (b == '[') {
				position++;
				List<Object> list = new ArrayList<>();
				while (true) {
					skipWhitespace();
					if (position < length && bytes[position] == ']') {
						position++;
						return list;
					}
					list.add(value(depth + 1));
				}
			}
			if (b == '/') {
				int start = position++;
				while (position < length && !delimiter(bytes[position])) {
					position++;
				}
				return new String(bytes, start, position - start, StandardCharsets.ISO_8859_1);
			}
			if (b == '<') {
				int end = indexOf('>', position);
				position = end + 1;
				return "<hex>";
			}
			if (b == '(') {
				int level = 0;
				while (position < length) {
					byte c = bytes[position++];
					if (c == '\\') {
						position++;
					}
					else if (c == '(') {
						level++;
					}
					else if (c == ')' && --level == 0) {
						return "(string)";
					}
				}
				throw new NotStrict("unterminated string");
			}
			int start = position;
			while (position < length && !delimiter(bytes[position])) {
				position++;
			}
			String token = new String(bytes, start, position - start, StandardCharsets.ISO_8859_1);
			if (token.isEmpty()) {
				throw new NotStrict("unexpected character in a dictionary");
			}
			if (token.matches("[+-]?\\d+")) {
				// "N G R": an indirect reference, kept as text (the strict reader needs direct values only).
				int saved = position;
				skipWhitespace();
				int generationStart = position;
				while (position < length && Character.isDigit(bytes[position])) {
					position++;
				}
				if (position > generationStart) {
					skipWhitespace();
					if (position < length && bytes[position] == 'R') {
						position++;
						return token + " R";
					}
				}
				position = saved;
				try {
					return Long.parseLong(token);
				}
				catch (NumberFormatException ex) {
					throw new NotStrict("number too large");
				}
			}
			return token;
		}

		private int indexOf(char c, int from) throws NotStrict {
			for (int i = from; i < length; i++) {
				if (bytes[i] == c) {
					return i;
				}
			}
			throw new NotStrict("unterminated token");
		}

		private long number() throws NotStrict {
			skipWhitespace();
			int start = position;
			while (position < length && Character.isDigit(bytes[position])) {
				position++;
			}
			if (position == start || position - start > 18) {
				throw new NotStrict("number expected at " + start);
			}
			return Long.parseLong(new String(bytes, start, position - start, StandardCharsets.ISO_8859_1));
		}

		private boolean startsWith(String text) {
			if (position + text.length() > length) {
				return false;
			}
			for (int i = 0; i < text.length(); i++) {
				if (bytes[position + i] != text.charAt(i)) {
					return false;
				}
			}
			return true;
		}

		private void skipWhitespace() {
			while (position < length) {
				byte b = bytes[position];
				if (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0) {
					position++;
				}
				else if (b == '%') {
					while (position < length && bytes[position] != '\n' && bytes[position] != '\r') {
						position++;
					}
				}
				else {
					return;
				}
			}
		}

		private static boolean delimiter(byte b) {
			return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0 || b == '/' || b == '['
					|| b == ']' || b == '<' || b == '>' || b == '(' || b == ')' || b == '%';
		}

	}

}
