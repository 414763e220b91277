package fr.paraphe.pades.internal;

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
import fr.paraphe.pades.Appearance;
import fr.paraphe.pades.SignatureParameters;

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
		PDRectangle rectangle = placement(page, appearance);
		options.setVisualSignature(template(page.getMediaBox(), rectangle, lines, rotation(page)));
		options.setPage(appearance.page() - 1);
	}

	/** The page's /Rotate as 0, 90, 180 or 270 (ISO 32000-1 §7.7.3.3: a multiple of 90, clockwise on screen). */
	static int rotation(PDPage page) {
		return ((page.getRotation() % 360) + 360) % 360 / 90 * 90;
	}

	/**
	 * The widget's rectangle in the page's default user space for a box given as the reader sees the page: x, y,
	 * width and height in points from the lower-left corner of the displayed (rotated) crop box.
	 * @throws ProblemException 400 {@code signing.error.badPlacement} for a box outside the visible page or too small
	 */
	static PDRectangle placement(PDPage page, Appearance appearance) {
		PDRectangle crop = page.getCropBox();
		int rotation = rotation(page);
		boolean quarter = rotation == 90 || rotation == 270;
		float shownWidth = quarter ? crop.getHeight() : crop.getWidth();
		float shownHeight = quarter ? crop.getWidth() : crop.getHeight();
		float x = appearance.x();
		float y = appearance.y();
		float w = appearance.width();
		float h = appearance.height();
		if (x < 0 || y < 0 || w < MIN_SIDE || h < MIN_SIDE || x + w > shownWidth || y + h > shownHeight) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
		}
		float left = crop.getLowerLeftX();
		float bottom = crop.getLowerLeftY();
		// The displayed page is the crop box turned clockwise by /Rotate; undo that turn for the box's corners.
		return switch (rotation) {
			case 90 -> new PDRectangle(left + crop.getWidth() - y - h, bottom + x, h, w);
			case 180 -> new PDRectangle(left + crop.getWidth() - x - w, bottom + crop.getHeight() - y - h, w, h);
			case 270 -> new PDRectangle(left + y, bottom + crop.getHeight() - x - w, h, w);
			default -> new PDRectangle(left + x, bottom + y, w, h);
		};
	}

	static List<String> lines(SignatureParameters parameters, Instant claimed) {
		List<String> lines = new ArrayList<>();
		lines.add("Signé électroniquement par");
		lines.add(parameters.signerName() == null ? "" : parameters.signerName());
		// A seal's signer is the firm itself: its name once, not "Cabinet Démo / Cabinet Démo".
		if (parameters.organization() != null && !parameters.organization().isBlank()
				&& !parameters.organization().strip().equalsIgnoreCase(String.valueOf(parameters.signerName()).strip())) {
			lines.add(parameters.organization());
		}
		lines.add("le " + WHEN.format(claimed));
		if (parameters.reason() != null && !parameters.reason().isBlank()) {
			lines.add("Motif : " + parameters.reason());
		}
		return lines;
	}

	/** A one-page document holding only the signature field and its appearance, which PDFBox merges in. */
	private InputStream template(PDRectangle mediaBox, PDRectangle rectangle, List<String> lines, int rotation)
			throws IOException {
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
			widget.setAppearance(appearance(template, rectangle, lines, rotation));
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
		PDPage page = widget.getPage();
		widget.setAppearance(appearance(document, widget.getRectangle(), lines, page == null ? 0 : rotation(page)));
		widget.setPrinted(true);
		widget.getCOSObject().setNeedToBeUpdated(true);
		signatureField.getCOSObject().setNeedToBeUpdated(true);
		form.getCOSObject().setNeedToBeUpdated(true);
		document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
	}

	/**
	 * The normal appearance, drawn upright for the reader: on a page turned by /Rotate, the form's /Matrix turns it
	 * back (ISO 32000-1 §12.5.5: the form's bounding box, transformed by /Matrix, is fitted into the widget's /Rect).
	 */
	private PDAppearanceDictionary appearance(PDDocument document, PDRectangle rectangle, List<String> lines,
			int rotation) throws IOException {
		// PDType0Font is bound to its document; the files' bytes are read from the class path once.
		PDType0Font font = PDType0Font.load(document, new ByteArrayInputStream(Fonts.REGULAR), true);
		PDType0Font bold = PDType0Font.load(document, new ByteArrayInputStream(Fonts.BOLD), true);
		PDFormXObject xobject = new PDFormXObject(new PDStream(document));
		xobject.setResources(new PDResources());
		xobject.setFormType(1);
		boolean quarter = rotation == 90 || rotation == 270;
		float width = quarter ? rectangle.getHeight() : rectangle.getWidth();
		float height = quarter ? rectangle.getWidth() : rectangle.getHeight();
		xobject.setBBox(new PDRectangle(width, height));
		if (rotation != 0) {
			xobject.setMatrix(java.awt.geom.AffineTransform.getQuadrantRotateInstance(rotation / 90));
		}
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
