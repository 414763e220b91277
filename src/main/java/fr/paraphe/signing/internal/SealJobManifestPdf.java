package fr.paraphe.signing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import fr.paraphe.pades.SignatureLevel;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A bulk sealing job's manifest as a PDF, for the platform to seal: one line per document (name, SHA-256 before
 * and after, seal serial) and the exact {@code manifest.json} attached (an embedded file), so that the sealed
 * PDF vouches for the JSON byte for byte.
 */
public final class SealJobManifestPdf {

	private static final float MARGIN = 40;

	private static final float SIZE = 7;

	private SealJobManifestPdf() {
	}

	public static byte[] render(SealJobStore.Job job, List<SealJobStore.Document> rows, byte[] manifestJson) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			Lines lines = new Lines(document, font);
			lines.add("Manifeste du lot de cachets " + job.id(), 11);
			lines.add("Niveau " + SignatureLevel.valueOf(job.level()).etsiName() + " - créé le " + job.createdAt() + " - "
					+ rows.size() + " document(s). Le fichier manifest.json exact est joint à ce PDF.", SIZE + 1);
			for (SealJobStore.Document row : rows) {
				lines.add((row.index() + 1) + ". " + row.fileName() + " - " + row.status(), SIZE);
				lines.add("    avant " + row.sourceSha256(), SIZE);
				if ("SEALED".equals(row.status())) {
					lines.add("    après " + row.sealedSha256() + " - certificat n° " + row.serial(), SIZE);
				}
				else if (row.errorKey() != null) {
					lines.add("    erreur " + row.errorKey(), SIZE);
				}
			}
			lines.close();
			PDEmbeddedFile embedded = new PDEmbeddedFile(document, new java.io.ByteArrayInputStream(manifestJson));
			embedded.setSubtype("application/json");
			embedded.setSize(manifestJson.length);
			PDComplexFileSpecification spec = new PDComplexFileSpecification();
			spec.setFile("manifest.json");
			spec.setFileUnicode("manifest.json");
			spec.setEmbeddedFile(embedded);
			PDEmbeddedFilesNameTreeNode files = new PDEmbeddedFilesNameTreeNode();
			files.setNames(java.util.Map.of("manifest.json", spec));
			PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
			names.setEmbeddedFiles(files);
			document.getDocumentCatalog().setNames(names);
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	/** Lines down A4 pages. */
	private static final class Lines {

		private final PDDocument document;

		private final PDType1Font font;

		private PDPageContentStream content;

		private float y;

		Lines(PDDocument document, PDType1Font font) {
			this.document = document;
			this.font = font;
		}

		void add(String text, float size) throws IOException {
			if (content == null || y - size * 1.4f < MARGIN) {
				close();
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				content = new PDPageContentStream(document, page);
				y = PDRectangle.A4.getHeight() - MARGIN;
			}
			y -= size * 1.4f;
			content.beginText();
			content.setFont(font, size);
			content.newLineAtOffset(MARGIN, y);
			content.showText(encodable(text));
			content.endText();
		}

		private String encodable(String text) {
			StringBuilder kept = new StringBuilder();
			String clipped = text.length() > 160 ? text.substring(0, 160) + "..." : text;
			clipped.codePoints().forEach(c -> {
				String one = new String(Character.toChars(c));
				try {
					font.encode(one);
					kept.append(one);
				}
				catch (IOException | IllegalArgumentException notInFont) {
					kept.append('?');
				}
			});
			return kept.toString();
		}

		void close() throws IOException {
			if (content != null) {
				content.close();
				content = null;
			}
		}

	}

}
