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

	/** Handwritten lines are this much larger than the printed ones. */
	private static final float INK_SCALE = 1.25f;

	/** The slant of handwritten lines (x moves by this much per unit of height). */
	private static final float SLANT_SHEAR = 0.25f;

	/** Room a slanted line takes beyond its width, in font-size units. */
	private static final float SLANT = 0.25f;

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

	/**
	 * A signature drawn as several widgets of its one field: the field, with its widgets on their pages, is made
	 * here with the signature as its value, so that {@link PDDocument#addSignature} finds and uses it.
	 * @return what to do after {@link PDDocument#addSignature}, which empties the first widget's rectangle and
	 * appearance (PDFBox's rule for a signature without a visual template): put them back
	 */
	Runnable prepareMarks(PDDocument document, PDSignature signature, SignatureOptions options,
			SignatureParameters parameters, Instant claimed) throws IOException {
		List<String> lines = lines(parameters, claimed);
		org.apache.pdfbox.pdmodel.PDDocumentCatalog catalog = document.getDocumentCatalog();
		PDAcroForm form = catalog.getAcroForm(null);
		if (form == null) {
			form = new PDAcroForm(document);
			catalog.setAcroForm(form);
		}
		PDSignatureField field = new PDSignatureField(form);
		// the constructor flags the field as its own widget; here the widgets are its kids
		field.getCOSObject().removeItem(org.apache.pdfbox.cos.COSName.F);
		List<PDAnnotationWidget> widgets = new ArrayList<>();
		for (fr.paraphe.pades.Mark mark : parameters.marks()) {
			if (mark.page() < 1 || mark.page() > document.getNumberOfPages()) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
			}
			PDPage page = document.getPage(mark.page() - 1);
			PDRectangle rectangle = placement(page, mark.box());
			PDAnnotationWidget widget = new PDAnnotationWidget();
			widget.setRectangle(rectangle);
			widget.setPage(page);
			widget.setPrinted(true);
			widget.setLocked(true);
			widget.setAppearance(appearance(document, rectangle, mark.handwritten(),
					mark.withSignature() ? lines : List.of(), rotation(page)));
			widgets.add(widget);
			List<org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation> annotations = page.getAnnotations();
			annotations.add(widget);
			page.setAnnotations(annotations);
			page.getCOSObject().setNeedToBeUpdated(true);
			if (page.getCOSObject().getDictionaryObject(org.apache.pdfbox.cos.COSName.ANNOTS) instanceof org.apache.pdfbox.cos.COSArray array) {
				array.setNeedToBeUpdated(true);
			}
		}
		field.setWidgets(widgets);
		field.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.V, signature);
		for (PDAnnotationWidget widget : widgets) {
			// Poppler reads a signature's /V on each widget of the field, not through /Parent: without it, pdfsig
			// lists every widget as an unsigned field. Other readers take the field's /V (the same dictionary).
			widget.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.V, signature);
		}
		form.getFields().add(field);
		form.getCOSObject().setNeedToBeUpdated(true);
		catalog.getCOSObject().setNeedToBeUpdated(true);
		PDAnnotationWidget first = widgets.get(0);
		PDRectangle firstRectangle = first.getRectangle();
		PDAppearanceDictionary firstAppearance = first.getAppearance();
		options.setPage(parameters.marks().get(0).page() - 1);
		return () -> {
			first.setRectangle(firstRectangle);
			first.setAppearance(firstAppearance);
			first.getCOSObject().setNeedToBeUpdated(true);
		};
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
		return appearance(document, rectangle, List.of(), lines, rotation);
	}

	/**
	 * As {@link #appearance(PDDocument, PDRectangle, List, int)}, with {@code handwritten} lines first, in ink blue
	 * and slanted; without {@code lines} (initials), no frame.
	 */
	private PDAppearanceDictionary appearance(PDDocument document, PDRectangle rectangle, List<String> handwritten,
			List<String> lines, int rotation) throws IOException {
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
		List<String> inked = new ArrayList<>();
		for (String line : handwritten) {
			inked.add(printable(font, line));
		}
		float margin = Math.min(4, Math.min(width, height) / 8);
		float widest = 0;
		for (int i = 0; i < printable.size(); i++) {
			PDType0Font face = i == 1 ? bold : font;
			widest = Math.max(widest, face.getStringWidth(printable.get(i)) / 1000);
		}
		for (String line : inked) {
			widest = Math.max(widest, (font.getStringWidth(line) / 1000) * INK_SCALE + SLANT);
		}
		int rows = printable.size() + inked.size();
		float size = Math.min(printable.isEmpty() ? 14 : 10, Math.min((width - 2 * margin) / Math.max(widest, 1),
				(height - 2 * margin) / (Math.max(rows, 1) * 1.2f + inked.size() * (INK_SCALE - 1) * 1.2f)));
		try (PDPageContentStream content = new PDPageContentStream(document, stream)) {
			if (!printable.isEmpty()) {
				content.setNonStrokingColor(0.96f, 0.97f, 1f);
				content.addRect(0, 0, width, height);
				content.fill();
				content.setStrokingColor(0.1f, 0.2f, 0.5f);
				content.setLineWidth(0.8f);
				content.addRect(0.4f, 0.4f, width - 0.8f, height - 0.8f);
				content.stroke();
			}
			content.beginText();
			float baseline = height - margin;
			content.setNonStrokingColor(0.05f, 0.15f, 0.55f);
			for (String line : inked) {
				float inkSize = size * INK_SCALE;
				baseline -= inkSize;
				content.setFont(font, inkSize);
				// a slanted line, as written by hand (the shear of an oblique face)
				content.setTextMatrix(new org.apache.pdfbox.util.Matrix(1, 0, SLANT_SHEAR, 1, margin, baseline));
				content.showText(line);
				baseline -= inkSize * 0.2f;
			}
			content.setNonStrokingColor(0f, 0f, 0f);
			for (int i = 0; i < printable.size(); i++) {
				baseline -= size;
				content.setFont(i == 1 ? bold : font, size);
				content.setTextMatrix(org.apache.pdfbox.util.Matrix.getTranslateInstance(margin, baseline));
				content.showText(printable.get(i));
				baseline -= size * 0.2f;
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
