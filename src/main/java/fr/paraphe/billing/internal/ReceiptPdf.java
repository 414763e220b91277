package fr.paraphe.billing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.GregorianCalendar;
import java.util.Locale;

import fr.paraphe.billing.Entry;
import fr.paraphe.billing.ReceiptIssue;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/**
 * A credit's receipt as a one-page PDF, in French, with the fonts embedded (subset) so that every reader
 * shows the accents and the euro sign the same.
 */
@Component
public class ReceiptPdf {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm", Locale.FRENCH)
		.withZone(PARIS);

	private final Seller seller;

	ReceiptPdf(Seller seller) {
		this.seller = seller;
	}

	public byte[] render(Entry credit, ReceiptIssue firm) {
		int vatBasisPoints = firm.vatBasisPoints();
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDFont regular = font(document, "/fonts/DejaVuSans.ttf");
			PDFont bold = font(document, "/fonts/DejaVuSans-Bold.ttf");
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			PDDocumentInformation info = document.getDocumentInformation();
			info.setTitle("Reçu n° " + credit.receiptNumber());
			info.setAuthor("Paraphe");
			info.setCreationDate(GregorianCalendar.from(credit.createdAt().atZone(PARIS)));
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				float left = 60;
				float y = 780;
				y = line(content, bold, 20, left, y, "Reçu n° " + credit.receiptNumber());
				y = line(content, regular, 10, left, y - 4, "Paraphe — signature et cachet électroniques");
				y -= 20;
				y = line(content, bold, 12, left, y, "Vendeur");
				y = line(content, regular, 11, left, y, seller.name());
				if (!seller.address().isBlank()) {
					y = line(content, regular, 11, left, y, seller.address());
				}
				y = line(content, regular, 11, left, y, "SIREN " + seller.sirenFormatted());
				y = line(content, regular, 11, left, y, "TVA intracommunautaire " + seller.vatNumber());
				y -= 20;
				y = line(content, bold, 12, left, y, "Client");
				y = line(content, regular, 11, left, y, firm.firmName());
				y = line(content, regular, 11, left, y, "SIREN " + firm.siren().formatted());
				if (firm.addressLine() != null) {
					y = line(content, regular, 11, left, y, firm.addressLine());
					y = line(content, regular, 11, left, y, firm.postalCode() + " " + firm.city());
				}
				y -= 20;
				y = line(content, regular, 11, left, y, "Date : " + DATE.format(credit.createdAt()));
				y = line(content, regular, 11, left, y, "Objet : crédit du compte-cabinet (prépaiement)");
				y = line(content, regular, 11, left, y, "Moyen : " + credit.description());
				y -= 20;
				y = amount(content, regular, left, y, "Montant HT", credit.net().format(Locale.FRENCH));
				y = amount(content, regular, left, y,
						"TVA " + java.math.BigDecimal.valueOf(vatBasisPoints, 2).stripTrailingZeros().toPlainString().replace('.', ',') + " %",
						credit.vat().format(Locale.FRENCH));
				y = amount(content, bold, left, y, "Montant TTC", credit.amount().format(Locale.FRENCH));
				y -= 24;
				line(content, regular, 10, left, y, "Acquitté. Numérotation continue des reçus.");
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static float line(PDPageContentStream content, PDFont font, float size, float x, float y, String text)
			throws IOException {
		content.beginText();
		content.setFont(font, size);
		content.newLineAtOffset(x, y);
		content.showText(text);
		content.endText();
		return y - size * 1.5f;
	}

	private static float amount(PDPageContentStream content, PDFont font, float x, float y, String label, String value)
			throws IOException {
		line(content, font, 12, x, y, label);
		float width = font.getStringWidth(value) / 1000 * 12;
		line(content, font, 12, 400 - width, y, value);
		return y - 18;
	}

	private static PDFont font(PDDocument document, String resource) throws IOException {
		try (InputStream in = ReceiptPdf.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException("Missing font " + resource);
			}
			return PDType0Font.load(document, in, true);
		}
	}


}
