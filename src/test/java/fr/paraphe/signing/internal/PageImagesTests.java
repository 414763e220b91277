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
