package fr.paraphe.validation.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.context.MessageSource;

/**
 * The validation report as a PDF, in the reader's language (French by default), for sealing: the verdict, the
 * plain-language explanation, and each signature's facts and modifications.
 */
public final class ReportPdf {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(PARIS);

	private static final float MARGIN = 50;

	private final MessageSource messages;

	private final Explanations explanations;

	public ReportPdf(MessageSource messages, Explanations explanations) {
		this.messages = messages;
		this.explanations = explanations;
	}

	public byte[] render(ValidationReport report, Locale locale) {
		try (PDDocument document = new PDDocument()) {
			Writer writer = new Writer(document);
			writer.line(text("validation.pdf.title", locale), 16, true);
			writer.gap(6);
			writer.line(text("validation.verdict." + report.verdict(), locale), 14, true);
			writer.paragraph(report.explanation(), 10);
			writer.gap(8);
			writer.fact(text("validation.page.document", locale), report.documentName());
			writer.fact(text("validation.page.validationTime", locale), time(report.validationTime()));
			writer.fact(text("validation.page.policy", locale), text("validation.page.policyName", locale));
			int number = 0;
			for (SignatureResult signature : report.signatures()) {
				writer.gap(10);
				writer.line(message("validation.page.signatureNumber", locale, ++number) + " : "
						+ explanations.status(signature, locale), 12, true);
				String why = explanations.reason(signature, locale);
				if (why != null) {
					writer.fact(text("validation.page.why", locale), why);
				}
				writer.fact(text("validation.page.signer", locale), explanations.signer(signature, locale));
				writer.fact(text("validation.page.firm", locale),
						signature.signer() == null || signature.signer().firm() == null ? "-" : signature.signer().firm());
				writer.fact(text("validation.page.when", locale), explanations.when(signature, locale));
				writer.fact(text("validation.page.levelWords", locale), explanations.level(signature, locale));
				writer.fact(text("validation.page.reason", locale), orDash(signature.reason()));
				writer.fact(text("validation.page.trustAnchor", locale), signature.trustAnchor() == null
						? text("validation.page.untrusted", locale) : explanations.commonName(signature.trustAnchor()));
				writer.fact(text("validation.page.revocation", locale), explanations.revocationStatus(signature, locale));
				writer.line(text("validation.page.modifications", locale), 10, true);
				if (signature.modifications().isEmpty()) {
					writer.paragraph(text("validation.page.noModification", locale), 10);
				}
				for (String change : explanations.changes(signature, locale)) {
					writer.paragraph("- " + change, 10);
				}
			}
			if (!report.documentTimestamps().isEmpty()) {
				writer.gap(10);
				writer.line(text("validation.page.documentTimestamps", locale), 12, true);
				for (TimestampResult timestamp : report.documentTimestamps()) {
					writer.paragraph("- " + time(timestamp.productionTime()) + " : "
							+ text("validation.indication." + timestamp.indication(), locale)
							+ (timestamp.producedBy() == null || timestamp.producedBy().isBlank() ? ""
									: " - " + explanations.commonName(timestamp.producedBy())), 10);
				}
			}
			if (!report.onlineChecks().isEmpty()) {
				writer.gap(10);
				writer.line(text("validation.page.onlineChecks", locale), 12, true);
				for (var check : report.onlineChecks()) {
					writer.paragraph("- " + explanations.onlineCheck(check, locale), 10);
				}
			}
			// The technical details: the ETSI codes and the file's digest, labelled in the reader's language.
			writer.gap(10);
			writer.line(text("validation.page.technical", locale), 12, true);
			writer.fact("SHA-256", report.sha256());
			number = 0;
			for (SignatureResult signature : report.signatures()) {
				writer.paragraph(message("validation.page.signatureNumber", locale, ++number) + " - "
						+ text("validation.page.technicalIndication", locale) + " : " + signature.indication()
						+ (signature.subIndication() == null ? "" : " / " + signature.subIndication()) + " ; "
						+ text("validation.page.technicalLevel", locale) + " : " + orDash(signature.level()) + " ; "
						+ text("validation.page.technicalRevocation", locale) + " : " + signature.revocation().status()
						+ (signature.revocation().source() == null ? "" : " - " + signature.revocation().source()), 9);
			}
			writer.gap(14);
			writer.paragraph(text("validation.pdf.sealed", locale), 9);
			writer.close();
			PDDocumentInformation information = new PDDocumentInformation();
			information.setTitle(text("validation.pdf.title", locale) + " - " + report.documentName());
			information.setProducer("Paraphe");
			document.setDocumentInformation(information);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	private String message(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}

	private static String time(Instant instant) {
		return instant == null ? "-" : TIME.format(instant);
	}

	private static String orDash(String value) {
		return value == null || value.isBlank() ? "-" : value;
	}

	/** Lines of text down A4 pages, a new page when one is full. */
	private static final class Writer {

		private final PDDocument document;

		private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

		private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

		private PDPageContentStream content;

		private float y;

		Writer(PDDocument document) throws IOException {
			this.document = document;
			newPage();
		}

		private void newPage() throws IOException {
			if (content != null) {
				content.close();
			}
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			content = new PDPageContentStream(document, page);
			y = PDRectangle.A4.getHeight() - MARGIN;
		}

		void gap(float points) {
			y -= points;
		}

		void line(String text, float size, boolean strong) throws IOException {
			if (y - size < MARGIN) {
				newPage();
			}
			y -= size * 1.35f;
			PDType1Font font = strong ? bold : regular;
			content.beginText();
			content.setFont(font, size);
			content.newLineAtOffset(MARGIN, y);
			content.showText(encodable(font, text));
			content.endText();
		}

		void fact(String label, String value) throws IOException {
			paragraph(label + " : " + (value == null ? "-" : value), 10);
		}

		void paragraph(String text, float size) throws IOException {
			for (String line : wrap(encodable(regular, text), size)) {
				line(line, size, false);
			}
		}

		private List<String> wrap(String text, float size) throws IOException {
			float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
			List<String> lines = new ArrayList<>();
			StringBuilder current = new StringBuilder();
			for (String word : text.split(" ")) {
				String candidate = current.isEmpty() ? word : current + " " + word;
				if (regular.getStringWidth(candidate) / 1000 * size > width && !current.isEmpty()) {
					lines.add(current.toString());
					current = new StringBuilder(word);
				}
				else {
					current = new StringBuilder(candidate);
				}
				while (regular.getStringWidth(current.toString()) / 1000 * size > width && current.length() > 1) {
					// a word longer than the line (a hash): cut it
					int cut = Math.max(1, (int) (current.length() * width / (regular.getStringWidth(current.toString()) / 1000 * size)) - 1);
					lines.add(current.substring(0, cut));
					current = new StringBuilder(current.substring(cut));
				}
			}
			if (!current.isEmpty()) {
				lines.add(current.toString());
			}
			return lines;
		}

		/** The standard fonts know WinAnsi only: other characters become "?". */
		private static String encodable(PDType1Font font, String text) {
			StringBuilder result = new StringBuilder(text.length());
			text.codePoints().forEach(codePoint -> {
				String character = new String(Character.toChars(codePoint));
				try {
					font.encode(character);
					result.append(character);
				}
				catch (IOException | IllegalArgumentException ex) {
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
