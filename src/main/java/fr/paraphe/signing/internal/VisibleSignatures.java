package fr.paraphe.signing.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.Appearance;
import fr.paraphe.signing.SignatureParameters;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.springframework.http.HttpStatus;

/**
 * The visible box of a signature: "Signé électroniquement par …", the firm, the date and time in Paris, the reason,
 * in DejaVu Sans embedded as a subset (so accents render everywhere). Either a new field at a page position, given
 * to PDFBox as a visual template, or an existing empty signature field of the document.
 */
final class VisibleSignatures {

	private static final String FONT = "/fonts/DejaVuSans.ttf";

	private static final String BOLD_FONT = "/fonts/DejaVuSans-Bold.ttf";

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm:ss", Locale.FRENCH)
		.withZone(ZoneId.of("Europe/Paris"));

	/** Smallest box side, in points: below it no text is legible. */
	static final float MIN_SIDE = 20;

	void prepare(PDDocument document, PDSignature signature, SignatureOptions options, SignatureParameters parameters,
			Instant claimed) throws IOException {
		Appearance appearance = parameters.appearance();
		List<String> lines = lines(parameters, claimed);
		if (appearance.fieldName() != null) {
			fillField(document, signature, appearance.fieldName(), lines);
			return;
		}
		if (appearance.page() < 1 || appearance.page() > document.getNumberOfPages()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
		}
		PDPage page = document.getPage(appearance.page() - 1);
		PDRectangle media = page.getCropBox();
		PDRectangle rectangle = new PDRectangle(media.getLowerLeftX() + appearance.x(),
				media.getLowerLeftY() + appearance.y(), appearance.width(), appearance.height());
		if (appearance.x() < 0 || appearance.y() < 0 || appearance.width() < MIN_SIDE
				|| appearance.height() < MIN_SIDE || appearance.x() + appearance.width() > media.getWidth()
				|| appearance.y() + appearance.height() > media.getHeight()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
		}
		options.setVisualSignature(template(page.getMediaBox(), rectangle, lines));
		options.setPage(appearance.page() - 1);
	}

	static List<String> lines(SignatureParameters parameters, Instant claimed) {
		List<String> lines = new ArrayList<>();
		lines.add("Signé électroniquement par");
		lines.add(parameters.signerName() == null ? "" : parameters.signerName());
		if (parameters.organization() != null && !parameters.organization().isBlank()) {
			lines.add(parameters.organization());
		}
		lines.add("le " + WHEN.format(claimed));
		if (parameters.reason() != null && !parameters.reason().isBlank()) {
			lines.add("Motif : " + parameters.reason());
		}
		return lines;
	}

	/** A one-page document holding only the signature field and its appearance, which PDFBox merges in. */
	private InputStream template(PDRectangle mediaBox, PDRectangle rectangle, List<String> lines) throws IOException {
		try (PDDocument template = new PDDocument()) {
			PDPage page = new PDPage(mediaBox);
			template.addPage(page);
			PDAcroForm form = new PDAcroForm(template);
			template.getDocumentCatalog().setAcroForm(form);
			PDSignatureField field = new PDSignatureField(form);
			PDAnnotationWidget widget = field.getWidgets().get(0);
			form.setSignaturesExist(true);
			form.setAppendOnly(true);
			form.getCOSObject().setDirect(true);
			form.getFields().add(field);
			widget.setRectangle(rectangle);
			widget.setPrinted(true);
			widget.setAppearance(appearance(template, rectangle, lines));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			template.save(out);
			return new ByteArrayInputStream(out.toByteArray());
		}
	}

	/** An existing empty signature field takes the signature and gets the appearance. */
	private void fillField(PDDocument document, PDSignature signature, String name, List<String> lines)
			throws IOException {
		PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
		PDField field = form == null ? null : form.getField(name);
		if (!(field instanceof PDSignatureField signatureField) || signatureField.getSignature() != null
				|| signatureField.getWidgets().isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.fieldNotFound");
		}
		PDAnnotationWidget widget = signatureField.getWidgets().get(0);
		signatureField.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.V, signature);
		widget.setAppearance(appearance(document, widget.getRectangle(), lines));
		widget.setPrinted(true);
		widget.getCOSObject().setNeedToBeUpdated(true);
		signatureField.getCOSObject().setNeedToBeUpdated(true);
		form.getCOSObject().setNeedToBeUpdated(true);
		document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
	}

	private PDAppearanceDictionary appearance(PDDocument document, PDRectangle rectangle, List<String> lines)
			throws IOException {
		// PDType0Font is bound to its document; the files' bytes are read from the class path once.
		PDType0Font font = PDType0Font.load(document, new ByteArrayInputStream(Fonts.REGULAR), true);
		PDType0Font bold = PDType0Font.load(document, new ByteArrayInputStream(Fonts.BOLD), true);
		PDFormXObject xobject = new PDFormXObject(new PDStream(document));
		xobject.setResources(new PDResources());
		xobject.setFormType(1);
		float width = rectangle.getWidth();
		float height = rectangle.getHeight();
		xobject.setBBox(new PDRectangle(width, height));
		PDAppearanceDictionary appearance = new PDAppearanceDictionary();
		appearance.getCOSObject().setDirect(true);
		PDAppearanceStream stream = new PDAppearanceStream(xobject.getCOSObject());
		appearance.setNormalAppearance(stream);
		List<String> printable = new ArrayList<>();
		for (String line : lines) {
			printable.add(printable(font, line));
		}
		float margin = Math.min(4, Math.min(width, height) / 8);
		float widest = 0;
		for (int i = 0; i < printable.size(); i++) {
			PDType0Font face = i == 1 ? bold : font;
			widest = Math.max(widest, face.getStringWidth(printable.get(i)) / 1000);
		}
		float size = Math.min(10, Math.min((width - 2 * margin) / Math.max(widest, 1),
				(height - 2 * margin) / (printable.size() * 1.2f)));
		try (PDPageContentStream content = new PDPageContentStream(document, stream)) {
			content.setNonStrokingColor(0.96f, 0.97f, 1f);
			content.addRect(0, 0, width, height);
			content.fill();
			content.setStrokingColor(0.1f, 0.2f, 0.5f);
			content.setLineWidth(0.8f);
			content.addRect(0.4f, 0.4f, width - 0.8f, height - 0.8f);
			content.stroke();
			content.setNonStrokingColor(0f, 0f, 0f);
			content.beginText();
			float leading = size * 1.2f;
			float top = height - margin - size;
			content.newLineAtOffset(margin, top);
			for (int i = 0; i < printable.size(); i++) {
				content.setFont(i == 1 ? bold : font, size);
				content.showText(printable.get(i));
				content.newLineAtOffset(0, -leading);
			}
			content.endText();
		}
		return appearance;
	}

	/** The font files, read on first use. */
	private static final class Fonts {

		static final byte[] REGULAR = read(FONT);

		static final byte[] BOLD = read(BOLD_FONT);

		private static byte[] read(String resource) {
			try (InputStream in = VisibleSignatures.class.getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("Missing font " + resource);
				}
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}

	}

	/** The text with the characters DejaVu Sans lacks replaced by "?". */
	private static String printable(PDType0Font font, String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints().forEach(codePoint -> {
			String character = new String(Character.toChars(codePoint));
			try {
				font.encode(character);
				out.append(character);
			}
			catch (IOException | IllegalArgumentException missing) {
				out.append('?');
			}
		});
		return out.toString();
	}

}
