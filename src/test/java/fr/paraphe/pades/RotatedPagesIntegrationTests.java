package fr.paraphe.pades;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import fr.paraphe.shared.ProblemException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 4: a visible signature box is given as the reader sees the page — from the lower-left corner of the displayed
 * crop box, after /Rotate — on pages whose media and crop boxes do not start at the origin, and its text reads
 * upright on screen. Checked on the widget's /Rect, on a rendering of each page, and by EU DSS.
 */
class RotatedPagesIntegrationTests extends AbstractPadesIntegrationTests {

	/** Media box at (100, 200), 595 × 842; crop box at (130, 250), 500 × 700. */
	private static final PDRectangle MEDIA = new PDRectangle(100, 200, 595, 842);

	private static final PDRectangle CROP = new PDRectangle(130, 250, 500, 700);

	private static final List<Integer> ROTATIONS = List.of(0, 90, 180, 270);

	private static final float X = 50;

	private static final float Y = 80;

	private static final float WIDTH = 180;

	private static final float HEIGHT = 60;

	private static final float SCALE = 2;

	@Override
	SignatureLevel level() {
		return SignatureLevel.B_B;
	}

	@Override
	eu.europa.esig.dss.enumerations.SignatureLevel expectedFormat() {
		return eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B;
	}

	@Test
	void theBoxIsWhereTheReaderPutItAndItsTextIsUpright() throws IOException {
		byte[] pdf = rotatedPages();
		SigningKey key = person();
		Instant claimed = Instant.now();
		for (int page = 1; page <= ROTATIONS.size(); page++) {
			pdf = signer.sign(pdf, key, parameters(claimed).withAppearance(Appearance.box(page, X, Y, WIDTH, HEIGHT), "Cabinet Démo"));
		}
		assertAllPassed(pdf, ROTATIONS.size());
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDFRenderer renderer = new PDFRenderer(document);
			BufferedImage reference = null;
			for (int index = 0; index < ROTATIONS.size(); index++) {
				PDPage page = document.getPage(index);
				assertThat(page.getRotation()).isEqualTo(ROTATIONS.get(index));
				assertThat(rectangle(widget(page))).as("/Rect on the page turned by %d", ROTATIONS.get(index))
					.containsExactly(expected(ROTATIONS.get(index)), org.assertj.core.data.Offset.offset(0.01f));
				BufferedImage box = box(renderer.renderImage(index, SCALE), ROTATIONS.get(index));
				assertThat(boxPixels(box)).as("the box is drawn where the reader put it, page turned by %d",
						ROTATIONS.get(index)).isGreaterThan(0.9);
				if (reference == null) {
					reference = box;
				}
				else {
					// The same text in the same box: upright on screen, it renders as on the unrotated page.
					assertThat(difference(reference, box)).as("text upright on the page turned by %d",
							ROTATIONS.get(index)).isLessThan(8);
				}
			}
		}
	}

	@Test
	void aBoxOutsideTheDisplayedPageIsRefused() {
		byte[] pdf = rotatedPages();
		SigningKey key = person();
		// Page 2 is turned by 90: shown 700 wide and 500 high; a box 600 wide fits, 560 high does not.
		signer.sign(pdf, key, parameters(Instant.now()).withAppearance(Appearance.box(2, 20, 20, 600, 100), null));
		assertThatThrownBy(() -> signer.sign(pdf, key,
				parameters(Instant.now()).withAppearance(Appearance.box(2, 20, 0, 100, 560), null)))
			.isInstanceOfSatisfying(ProblemException.class,
					problem -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
	}

	/** The same claimed time on every page (it is printed in the box), after the certificate's notBefore. */
	private static SignatureParameters parameters(Instant claimed) {
		return new SignatureParameters(SignatureLevel.B_B, "Élodie Dupré", null, "Lu et approuvé", null, claimed, null, 0);
	}

	/** The /Rect the box must get, in default user space, for a page turned by {@code rotation}. */
	private static float[] expected(int rotation) {
		float left = CROP.getLowerLeftX();
		float bottom = CROP.getLowerLeftY();
		float cw = CROP.getWidth();
		float ch = CROP.getHeight();
		return switch (rotation) {
			// turned clockwise by 90: the reader's left edge is the page's bottom edge, the reader's bottom its right
			case 90 -> new float[] { left + cw - Y - HEIGHT, bottom + X, left + cw - Y, bottom + X + WIDTH };
			case 180 -> new float[] { left + cw - X - WIDTH, bottom + ch - Y - HEIGHT, left + cw - X, bottom + ch - Y };
			case 270 -> new float[] { left + Y, bottom + ch - X - WIDTH, left + Y + HEIGHT, bottom + ch - X };
			default -> new float[] { left + X, bottom + Y, left + X + WIDTH, bottom + Y + HEIGHT };
		};
	}

	private static PDAnnotationWidget widget(PDPage page) throws IOException {
		for (PDAnnotation annotation : page.getAnnotations()) {
			if (annotation instanceof PDAnnotationWidget widget) {
				return widget;
			}
		}
		throw new AssertionError("no widget on the page");
	}

	private static float[] rectangle(PDAnnotationWidget widget) {
		PDRectangle r = widget.getRectangle();
		return new float[] { r.getLowerLeftX(), r.getLowerLeftY(), r.getUpperRightX(), r.getUpperRightY() };
	}

	/** The box's area of the rendered page (the image is the displayed page: rotated, cropped, y downwards). */
	private static BufferedImage box(BufferedImage page, int rotation) {
		boolean quarter = rotation == 90 || rotation == 270;
		float shownHeight = quarter ? CROP.getWidth() : CROP.getHeight();
		assertThat(page.getHeight()).isEqualTo(Math.round(shownHeight * SCALE));
		int left = Math.round(X * SCALE) + 2;
		int top = Math.round((shownHeight - Y - HEIGHT) * SCALE) + 2;
		return page.getSubimage(left, top, Math.round(WIDTH * SCALE) - 4, Math.round(HEIGHT * SCALE) - 4);
	}

	/** The share of pixels that are the box's pale blue background or its dark text, not the white page. */
	private static double boxPixels(BufferedImage box) {
		int inside = 0;
		for (int y = 0; y < box.getHeight(); y++) {
			for (int x = 0; x < box.getWidth(); x++) {
				int rgb = box.getRGB(x, y);
				int r = rgb >> 16 & 0xff;
				int g = rgb >> 8 & 0xff;
				int b = rgb & 0xff;
				boolean white = r > 250 && g > 250 && b > 250;
				if (!white) {
					inside++;
				}
			}
		}
		return inside / (double) (box.getWidth() * box.getHeight());
	}

	/** Mean absolute difference of the grey levels, 0 to 255. */
	private static double difference(BufferedImage a, BufferedImage b) {
		assertThat(b.getWidth()).isEqualTo(a.getWidth());
		assertThat(b.getHeight()).isEqualTo(a.getHeight());
		long total = 0;
		for (int y = 0; y < a.getHeight(); y++) {
			for (int x = 0; x < a.getWidth(); x++) {
				total += Math.abs(grey(a.getRGB(x, y)) - grey(b.getRGB(x, y)));
			}
		}
		return total / (double) (a.getWidth() * a.getHeight());
	}

	private static int grey(int rgb) {
		return ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
	}

	/** Four pages turned by 0, 90, 180 and 270, with media and crop boxes away from the origin. */
	private static byte[] rotatedPages() {
		try (PDDocument document = new PDDocument()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (int rotation : ROTATIONS) {
				PDPage page = new PDPage(MEDIA);
				page.setCropBox(CROP);
				page.setRotation(rotation);
				document.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 14);
					content.newLineAtOffset(CROP.getLowerLeftX() + 200, CROP.getLowerLeftY() + 400);
					content.showText("Page tournée de " + rotation + " degrés");
					content.endText();
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
