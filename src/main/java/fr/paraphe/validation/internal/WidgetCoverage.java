package fr.paraphe.validation.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.util.Set;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Whether a widget added (or given an appearance) after a signature draws over what the signed revision shows.
 *
 * <p>
 * Rendering rather than content bounding boxes: the signed page and the final page are rendered with PDFBox, the
 * final one with every annotation the update added or changed hidden except the widget under test. The pixels that
 * differ are exactly what the widget draws (its real footprint, not its /Rect: a transparent appearance that only
 * writes a few words is measured by those words); the widget covers signed content where one of those pixels was not
 * blank in the signed rendering. Bounding boxes of text, paths and images would have to be computed for every
 * operator (clipping, white rectangles that draw nothing visible, text render mode 3, images with transparent
 * areas), each one an error to be exploited; the renderer already answers the question "does the reader see
 * something different where there was something".
 * </p>
 *
 * <p>
 * Cost: two renderings of one page, only for widgets that are visible (non-empty /Rect, not hidden) and added
 * after a signature, which is when EU DSS renders the same pages for its own visual comparison anyway.
 * </p>
 */
final class WidgetCoverage {

	/** What a widget draws. */
	enum Result {

		/** Nothing visible. */
		NOTHING,

		/** Something, only where the signed page was blank. */
		BLANK_AREA_ONLY,

		/** Something over what the signed page showed (or the page could not be rendered: never assumed blank). */
		SIGNED_CONTENT

	}

	/** 108 dpi: a 10-point glyph is about 15 pixels high, a hairline one pixel. */
	private static final float SCALE = 1.5f;

	/** A channel difference below this is anti-aliasing noise, not a drawing. */
	private static final int DIFFERENCE = 24;

	/** A pixel whose channels are all at least this is blank paper. */
	private static final int BLANK = 245;

	/** Covered pixels needed to call content covered: a few, so that anti-aliased edges touching do not count. */
	private static final int COVERED_PIXELS = 3;

	private WidgetCoverage() {
	}

	/**
	 * @param pageIndex the page, 0-based, in both documents (the comparison has checked the page count)
	 * @param widget the widget under test, an annotation of that page in {@code current}
	 * @param addedOrChanged the annotations of {@code current}'s page that the signed revision did not have or had
	 * drawn differently: hidden in the final rendering, except {@code widget}
	 * @param signedRenderings the signed pages already rendered in this comparison, by index (filled here)
	 */
	static Result of(PDDocument signed, PDDocument current, int pageIndex, COSDictionary widget,
			Set<COSDictionary> addedOrChanged, java.util.Map<Integer, BufferedImage> signedRenderings) {
		try {
			BufferedImage before = signedRenderings.get(pageIndex);
			if (before == null) {
				before = new PDFRenderer(signed).renderImage(pageIndex, SCALE, ImageType.RGB);
				signedRenderings.put(pageIndex, before);
			}
			PDFRenderer renderer = new PDFRenderer(current);
			renderer.setAnnotationsFilter(annotation -> annotation.getCOSObject() == widget
					|| !addedOrChanged.contains(annotation.getCOSObject()));
			BufferedImage after = renderer.renderImage(pageIndex, SCALE, ImageType.RGB);
			if (before.getWidth() != after.getWidth() || before.getHeight() != after.getHeight()) {
				return Result.SIGNED_CONTENT;
			}
			int[] a = ((DataBufferInt) before.getRaster().getDataBuffer()).getData();
			int[] b = ((DataBufferInt) after.getRaster().getDataBuffer()).getData();
			int drawn = 0;
			int covered = 0;
			for (int i = 0; i < a.length; i++) {
				if (a[i] != b[i] && differs(a[i], b[i])) {
					drawn++;
					if (!blank(a[i]) && ++covered >= COVERED_PIXELS) {
						return Result.SIGNED_CONTENT;
					}
				}
			}
			return drawn == 0 ? Result.NOTHING : Result.BLANK_AREA_ONLY;
		}
		catch (IOException | RuntimeException ex) {
			return Result.SIGNED_CONTENT;
		}
	}

	private static boolean differs(int first, int second) {
		return Math.abs(((first >> 16) & 0xff) - ((second >> 16) & 0xff)) > DIFFERENCE
				|| Math.abs(((first >> 8) & 0xff) - ((second >> 8) & 0xff)) > DIFFERENCE
				|| Math.abs((first & 0xff) - (second & 0xff)) > DIFFERENCE;
	}

	private static boolean blank(int rgb) {
		return ((rgb >> 16) & 0xff) >= BLANK && ((rgb >> 8) & 0xff) >= BLANK && (rgb & 0xff) >= BLANK;
	}

}
