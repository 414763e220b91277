package fr.paraphe.signing.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import fr.paraphe.shared.ProblemException;
import fr.paraphe.validation.TestSigner;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageImagesTests {

	@Test
	void pagesAreMeasuredAsDisplayedTurnedByTheirRotation() throws IOException {
		byte[] pdf;
		try (PDDocument document = new PDDocument()) {
			document.addPage(new PDPage(PDRectangle.A4));
			PDPage turned = new PDPage(PDRectangle.A4);
			turned.setRotation(90);
			document.addPage(turned);
			PDPage cropped = new PDPage(PDRectangle.A4);
			cropped.setCropBox(new PDRectangle(50, 100, 300, 400));
			cropped.setRotation(180);
			document.addPage(cropped);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			pdf = out.toByteArray();
		}

		var pages = PageImages.pages(pdf);

		assertThat(pages).hasSize(3);
		assertThat(pages.get(0).width()).isCloseTo(595.28f, org.assertj.core.data.Offset.offset(0.01f));
		assertThat(pages.get(0).height()).isCloseTo(841.89f, org.assertj.core.data.Offset.offset(0.01f));
		assertThat(pages.get(1).width()).isCloseTo(841.89f, org.assertj.core.data.Offset.offset(0.01f));
		assertThat(pages.get(1).height()).isCloseTo(595.28f, org.assertj.core.data.Offset.offset(0.01f));
		assertThat(pages.get(2)).isEqualTo(new fr.paraphe.signing.PageSize(300, 400));
		assertThat(pages.get(2).contains(0, 0, 300, 400)).isTrue();
		assertThat(pages.get(2).contains(1, 0, 300, 400)).isFalse();
		assertThat(pages.get(2).contains(-1, 0, 20, 20)).isFalse();

		BufferedImage landscape = ImageIO.read(new ByteArrayInputStream(PageImages.png(pdf, 2)));
		assertThat(landscape.getWidth()).isEqualTo(PageImages.MAX_WIDTH);
		assertThat(landscape.getWidth()).isGreaterThan(landscape.getHeight());
	}

	@Test
	void thePictureShowsThePage() throws IOException {
		BufferedImage page = ImageIO.read(new ByteArrayInputStream(PageImages.png(TestSigner.document("Bonjour"), 1)));

		// The text line at (72, 700) in points is dark ink on white paper, the rest of the page white.
		double scale = page.getWidth() / 595.28;
		boolean ink = false;
		for (int x = (int) (72 * scale); x < (int) (200 * scale); x++) {
			for (int y = (int) ((842 - 712) * scale); y < (int) ((842 - 696) * scale); y++) {
				ink |= (page.getRGB(x, y) & 0xFF) < 100;
			}
		}
		assertThat(ink).isTrue();
		assertThat(page.getRGB(page.getWidth() / 2, page.getHeight() - 10) & 0xFFFFFF).isEqualTo(0xFFFFFF);
	}

	@Test
	void aPageWhoseContentInflatesHugelyIsRefusedBeforeItIsDecoded() throws IOException {
		// A few hundred kilobytes uploaded, 256 MiB of drawing operators once inflated.
		byte[] pdf = pageWithContent(256, "0 0 m 600 800 l S\n");

		assertThatThrownBy(() -> PageImages.png(pdf, 1)).isInstanceOfSatisfying(ProblemException.class, refused -> {
			assertThat(refused.getStatusCode().value()).isEqualTo(422);
			assertThat(refused.messageKey()).isEqualTo("signing.error.pageTooCostly");
		});
	}

	@Test
	void aPageThatDrawsTooLongIsStoppedAtTheDeadline() throws IOException {
		// 8 MB of thick strokes: under the size budget, but slow to draw; a 50 ms deadline stops it.
		byte[] pdf = pageWithContent(8, "40 w 0 0 m 600 800 l 600 0 l 0 800 l S\n");
		BoundedRendering.Budget budget = new BoundedRendering.Budget(java.time.Duration.ofMillis(50), 32L << 20, 60_000_000L);

		assertThatThrownBy(() -> PageImages.png(pdf, 1, budget)).isInstanceOfSatisfying(ProblemException.class,
				refused -> assertThat(refused.messageKey()).isEqualTo("signing.error.pageTooCostly"));
	}

	@Test
	void anImageOfDeclaredBillionsOfPixelsIsRefused() throws IOException {
		byte[] pdf;
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			org.apache.pdfbox.cos.COSStream image = document.getDocument().createCOSStream();
			image.setItem(org.apache.pdfbox.cos.COSName.TYPE, org.apache.pdfbox.cos.COSName.XOBJECT);
			image.setItem(org.apache.pdfbox.cos.COSName.SUBTYPE, org.apache.pdfbox.cos.COSName.IMAGE);
			image.setInt(org.apache.pdfbox.cos.COSName.WIDTH, 100_000);
			image.setInt(org.apache.pdfbox.cos.COSName.HEIGHT, 100_000);
			image.setInt(org.apache.pdfbox.cos.COSName.BITS_PER_COMPONENT, 8);
			image.setItem(org.apache.pdfbox.cos.COSName.COLORSPACE, org.apache.pdfbox.cos.COSName.DEVICEGRAY);
			try (java.io.OutputStream out = image.createOutputStream(org.apache.pdfbox.cos.COSName.FLATE_DECODE)) {
				out.write(new byte[1024]);
			}
			org.apache.pdfbox.pdmodel.PDResources resources = new org.apache.pdfbox.pdmodel.PDResources();
			page.setResources(resources);
			org.apache.pdfbox.cos.COSDictionary xObjects = new org.apache.pdfbox.cos.COSDictionary();
			xObjects.setItem(org.apache.pdfbox.cos.COSName.getPDFName("Im1"), image);
			resources.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.XOBJECT, xObjects);
			try (org.apache.pdfbox.pdmodel.PDPageContentStream content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
				content.appendRawCommands("q 500 0 0 700 0 0 cm /Im1 Do Q\n");
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			pdf = out.toByteArray();
		}

		assertThatThrownBy(() -> PageImages.png(pdf, 1)).isInstanceOfSatisfying(ProblemException.class,
				refused -> assertThat(refused.messageKey()).isEqualTo("signing.error.pageTooCostly"));
	}

	/** One A4 page whose content stream is {@code line} repeated to {@code megabytes} MiB, Flate-compressed. */
	private static byte[] pageWithContent(int megabytes, String line) throws IOException {
		byte[] chunk = line.repeat((1 << 20) / line.length() + 1).substring(0, 1 << 20).getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (java.util.zip.DeflaterOutputStream deflate = new java.util.zip.DeflaterOutputStream(compressed,
				new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION))) {
			for (int i = 0; i < megabytes; i++) {
				deflate.write(chunk);
			}
		}
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			org.apache.pdfbox.cos.COSStream content = document.getDocument().createCOSStream();
			try (java.io.OutputStream raw = content.createRawOutputStream()) {
				raw.write(compressed.toByteArray());
			}
			content.setItem(org.apache.pdfbox.cos.COSName.FILTER, org.apache.pdfbox.cos.COSName.FLATE_DECODE);
			page.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.CONTENTS, content);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
			return out.toByteArray();
		}
	}

	@Test
	void hostileInputIsRefusedWithAReason() throws IOException {
		assertThatThrownBy(() -> PageImages.pages("%PDF-1.7 garbage".getBytes(StandardCharsets.US_ASCII)))
			.isInstanceOfSatisfying(ProblemException.class,
					problem -> assertThat(problem.messageKey()).isEqualTo("signing.error.damaged"));
		byte[] encrypted;
		try (PDDocument document = Loader.loadPDF(TestSigner.document("Secret"))) {
			document.protect(new StandardProtectionPolicy("owner", "user", new AccessPermission()));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			encrypted = out.toByteArray();
		}
		assertThatThrownBy(() -> PageImages.pages(encrypted)).isInstanceOfSatisfying(ProblemException.class,
				problem -> assertThat(problem.messageKey()).isEqualTo("signing.error.encrypted"));
		assertThatThrownBy(() -> PageImages.png(TestSigner.document("Une page"), 2))
			.isInstanceOfSatisfying(ProblemException.class,
					problem -> assertThat(problem.getStatusCode().value()).isEqualTo(404));
	}

}
