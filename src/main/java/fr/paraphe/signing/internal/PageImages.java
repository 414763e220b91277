package fr.paraphe.signing.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.PageSize;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.springframework.http.HttpStatus;

/**
 * What the signing page shows of an uploaded PDF so that the signer can place the signature: each page's size
 * as displayed (crop box, turned by the page's /Rotate), and a small PNG picture of one page. The PDF is hostile
 * input: anything PDFBox cannot read is {@code signing.error.damaged}, never an exception of the library.
 */
public final class PageImages {

	/** Widest picture, in pixels; the page is scaled down (never up beyond 2×) to fit it. */
	static final int MAX_WIDTH = 800;

	/** Tallest picture, in pixels. */
	static final int MAX_HEIGHT = 1200;

	private PageImages() {
	}

	/**
	 * The displayed size of every page.
	 * @throws ProblemException 400 {@code signing.error.encrypted} / {@code signing.error.damaged} (also for a PDF
	 * without pages)
	 */
	public static List<PageSize> pages(byte[] pdf) {
		try (PDDocument document = load(pdf)) {
			List<PageSize> sizes = new ArrayList<>(document.getNumberOfPages());
			for (PDPage page : document.getPages()) {
				sizes.add(displayed(page));
			}
			if (sizes.isEmpty()) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.damaged");
			}
			return sizes;
		}
		catch (IOException | RuntimeException unreadable) {
			throw problem(unreadable);
		}
	}

	/**
	 * A PNG of page {@code page} (1-based) as displayed, at most {@link #MAX_WIDTH} × {@link #MAX_HEIGHT} pixels.
	 * @throws ProblemException 404 {@code signing.error.noPage} for a page the document does not have
	 */
	public static byte[] png(byte[] pdf, int page) {
		return png(pdf, page, BoundedRendering.Budget.DEFAULT);
	}

	/**
	 * As {@link #png(byte[], int)}, within {@code budget}.
	 * @throws ProblemException 422 {@code signing.error.pageTooCostly} when the page costs more than the budget
	 */
	public static byte[] png(byte[] pdf, int page, BoundedRendering.Budget budget) {
		try (PDDocument document = load(pdf)) {
			if (page < 1 || page > document.getNumberOfPages()) {
				throw new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noPage");
			}
			PageSize size = displayed(document.getPage(page - 1));
			float scale = Math.min(2f, Math.min(MAX_WIDTH / size.width(), MAX_HEIGHT / size.height()));
			BufferedImage image = BoundedRendering.render(document, page - 1, scale, budget);
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(image, "png", png);
			return png.toByteArray();
		}
		catch (IOException | RuntimeException unreadable) {
			throw problem(unreadable);
		}
	}

	private static PageSize displayed(PDPage page) {
		PDRectangle crop = page.getCropBox();
		boolean turned = Math.floorMod(page.getRotation(), 180) == 90;
		float width = Math.abs(crop.getWidth());
		float height = Math.abs(crop.getHeight());
		if (width < 1 || height < 1) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.damaged");
		}
		return turned ? new PageSize(height, width) : new PageSize(width, height);
	}

	private static PDDocument load(byte[] pdf) throws IOException {
		PDDocument document = Loader.loadPDF(pdf);
		if (document.isEncrypted()) {
			document.close();
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.encrypted");
		}
		return document;
	}

	private static ProblemException problem(Exception unreadable) {
		if (unreadable instanceof ProblemException problem) {
			return problem;
		}
		if (unreadable instanceof BoundedRendering.TooCostly) {
			return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "signing.error.pageTooCostly");
		}
		if (unreadable instanceof InvalidPasswordException) {
			return new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.encrypted");
		}
		return new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.damaged");
	}

}
