package fr.paraphe.evidence.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * An evidence document as a PDF a person reads: a title, facts ("label : value"), and the events in a table
 * (n°, date and time, event, party, details), on A4 landscape pages with the table's header repeated on each.
 * DejaVu Sans is embedded, so any name prints as written.
 */
public final class EvidencePdf {

	/** One row of the table. */
	public record Row(String number, String time, String event, String party, String details) {
	}

	private static final float MARGIN = 36;

	private static final float SIZE = 8;

	private static final float LEADING = SIZE * 1.3f;

	private static final String[] HEADERS = { "N°", "Date et heure (Paris)", "Événement", "Partie", "Détails" };

	private static final float[] WIDTHS = { 28, 100, 150, 130, 362 };

	private EvidencePdf() {
	}

	/**
	 * @param facts label and value pairs shown above the table
	 * @param notes paragraphs shown after the table
	 */
	public static byte[] render(String title, List<String[]> facts, List<Row> rows, List<String> notes) {
		try (PDDocument document = new PDDocument()) {
			Writer writer = new Writer(document);
			writer.text(title, writer.bold, 15, PDRectangle.A4.getHeight() - 2 * MARGIN);
			writer.gap(6);
			for (String[] fact : facts) {
				writer.paragraph(fact[0] + " : " + fact[1]);
			}
			writer.gap(8);
			writer.header();
			for (Row row : rows) {
				writer.row(new String[] { row.number(), row.time(), row.event(), row.party(), row.details() });
			}
			writer.gap(8);
			for (String note : notes) {
				writer.paragraph(note);
			}
			writer.close();
			PDDocumentInformation information = new PDDocumentInformation();
			information.setTitle(title);
			information.setProducer("Paraphe");
			information.setCreationDate(Calendar.getInstance());
			document.setDocumentInformation(information);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	/** Text down landscape A4 pages. */
	private static final class Writer {

		private final PDDocument document;

		final PDFont regular;

		final PDFont bold;

		private final float width = PDRectangle.A4.getHeight() - 2 * MARGIN;

		private PDPageContentStream content;

		private float y;

		Writer(PDDocument document) throws IOException {
			this.document = document;
			this.regular = font(document, "/fonts/DejaVuSans.ttf");
			this.bold = font(document, "/fonts/DejaVuSans-Bold.ttf");
			newPage();
		}

		private static PDFont font(PDDocument document, String resource) throws IOException {
			try (InputStream in = EvidencePdf.class.getResourceAsStream(resource)) {
				if (in == null) {
					throw new IOException("Missing font " + resource);
				}
				return PDType0Font.load(document, in);
			}
		}

		private void newPage() throws IOException {
			if (content != null) {
				content.close();
			}
			PDRectangle landscape = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
			PDPage page = new PDPage(landscape);
			document.addPage(page);
			content = new PDPageContentStream(document, page);
			y = landscape.getHeight() - MARGIN;
		}

		void gap(float points) {
			y -= points;
		}

		void text(String text, PDFont font, float size, float room) throws IOException {
			for (String line : wrap(text, font, size, room)) {
				if (y - size * 1.3f < MARGIN) {
					newPage();
				}
				y -= size * 1.3f;
				show(line, font, size, MARGIN, y);
			}
		}

		void paragraph(String text) throws IOException {
			text(text, regular, 9, width);
		}

		void header() throws IOException {
			row(HEADERS, bold);
		}

		void row(String[] cells) throws IOException {
			row(cells, regular);
		}

		private void row(String[] cells, PDFont font) throws IOException {
			List<List<String>> wrapped = new ArrayList<>();
			int lines = 1;
			for (int i = 0; i < cells.length; i++) {
				List<String> cell = new ArrayList<>();
				for (String part : (cells[i] == null ? "" : cells[i]).split("\n")) {
					cell.addAll(wrap(part, font, SIZE, WIDTHS[i] - 4));
				}
				wrapped.add(cell);
				lines = Math.max(lines, cell.size());
			}
			float height = lines * LEADING + 4;
			if (y - height < MARGIN) {
				newPage();
				if (font != bold) {
					header();
				}
			}
			float top = y;
			float x = MARGIN;
			for (int i = 0; i < cells.length; i++) {
				float lineY = top - 2;
				for (String line : wrapped.get(i)) {
					lineY -= LEADING;
					show(line, font, SIZE, x + 2, lineY + 2);
				}
				x += WIDTHS[i];
			}
			y = top - height;
			content.setLineWidth(0.3f);
			content.moveTo(MARGIN, y);
			content.lineTo(MARGIN + width, y);
			content.stroke();
		}

		private void show(String text, PDFont font, float size, float x, float baseline) throws IOException {
			content.beginText();
			content.setFont(font, size);
			content.newLineAtOffset(x, baseline);
			content.showText(printable(font, text));
			content.endText();
		}

		/** Lines of at most {@code room} points; a word longer than a line (a hash, a user agent) is cut. */
		private static List<String> wrap(String text, PDFont font, float size, float room) throws IOException {
			List<String> lines = new ArrayList<>();
			StringBuilder line = new StringBuilder();
			for (String word : printable(font, text).split(" ")) {
				String candidate = line.isEmpty() ? word : line + " " + word;
				if (widthOf(font, candidate, size) <= room) {
					line.setLength(0);
					line.append(candidate);
					continue;
				}
				if (!line.isEmpty()) {
					lines.add(line.toString());
					line.setLength(0);
				}
				String rest = word;
				while (widthOf(font, rest, size) > room && rest.length() > 1) {
					int cut = rest.length() - 1;
					while (cut > 1 && widthOf(font, rest.substring(0, cut), size) > room) {
						cut--;
					}
					lines.add(rest.substring(0, cut));
					rest = rest.substring(cut);
				}
				line.append(rest);
			}
			if (!line.isEmpty() || lines.isEmpty()) {
				lines.add(line.toString());
			}
			return lines;
		}

		private static float widthOf(PDFont font, String text, float size) throws IOException {
			return font.getStringWidth(text) / 1000 * size;
		}

		/** What the font cannot draw becomes "?" (DejaVu draws nearly everything; controls never get here). */
		private static String printable(PDFont font, String text) {
			StringBuilder result = new StringBuilder(text.length());
			text.codePoints().forEach(codePoint -> {
				String character = Character.toString(codePoint);
				try {
					font.encode(character);
					result.append(character);
				}
				catch (IOException | IllegalArgumentException missing) {
					result.append(Character.isWhitespace(codePoint) ? " " : "?");
				}
			});
			return result.toString();
		}

		void close() throws IOException {
			content.close();
		}

	}

}
