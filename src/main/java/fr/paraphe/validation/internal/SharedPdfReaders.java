package fr.paraphe.validation.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.validation.PdfSignatureDictionary;
import eu.europa.esig.dss.pades.validation.PdfSignatureField;
import eu.europa.esig.dss.pdf.AnnotationBox;
import eu.europa.esig.dss.pdf.PDFServiceMode;
import eu.europa.esig.dss.pdf.PDFSignatureService;
import eu.europa.esig.dss.pdf.PdfAnnotation;
import eu.europa.esig.dss.pdf.PdfArray;
import eu.europa.esig.dss.pdf.PdfDict;
import eu.europa.esig.dss.pdf.PdfDocumentReader;
import eu.europa.esig.dss.pdf.PdfDssDict;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDocumentReader;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxSignatureService;
import eu.europa.esig.dss.pdf.pdfbox.visible.defaultdrawer.PdfBoxDefaultSignatureDrawerFactory;

/**
 * One validation's PDF readers, each revision read once. EU DSS reads the file again for every use: for n
 * signatures, the final file twice, each signed revision twice and the revision before each signature once (3n + 2
 * parses, 5 for a single signature, 17 for five, although a one-signature file has two distinct revisions and a
 * five-signature one six), and each parse dereferences its objects anew. Here a revision is parsed the first time
 * DSS asks for it and the same reader answers every later request for the same bytes, until the validation ends.
 *
 * <p>
 * Same bytes, same reader: a request is matched by the revision's whole content, never by its length or offset
 * only. DSS only reads these documents, except that rendering a page without some annotations hides them and shows
 * them again, which it already does on the one final-file reader it shares between all signatures. Bounded: the
 * revisions kept open together hold at most a given number of bytes (DSS's limit of memory per document, twice);
 * beyond it, a revision is read, used and closed as DSS does.
 * </p>
 */
final class SharedPdfReaders implements AutoCloseable {

	private final Map<ByteBuffer, Shared> readers = new HashMap<>();

	/** The revisions' bytes kept at most, together (DSS kept one or two revisions beside the final file at a time). */
	private final long maxHeldBytes;

	private long held;

	/** @param maxHeldBytes the revisions' bytes kept open at most, together; beyond, revisions are not shared */
	SharedPdfReaders(long maxHeldBytes) {
		this.maxHeldBytes = maxHeldBytes;
	}

	private final List<PdfBoxDocumentReader> opened = new ArrayList<>();

	/** A DSS object factory whose signature service reads revisions through these readers. */
	PdfBoxDefaultObjectFactory factory() {
		return new PdfBoxDefaultObjectFactory() {

			@Override
			public PDFSignatureService newPAdESSignatureService() {
				return configure(new Service());
			}

		};
	}

	/** The reader of {@code document}'s bytes, parsed by {@code parse} the first time they are asked for. */
	PdfDocumentReader reader(DSSDocument document, Parser parse) throws IOException {
		byte[] content = bytes(document);
		ByteBuffer key = ByteBuffer.wrap(content);
		Shared shared = readers.get(key);
		if (shared == null) {
			PdfBoxDocumentReader reader = parse.parse(new InMemoryDocument(content, document.getName(), MimeTypeEnum.PDF));
			if (held + content.length > maxHeldBytes) {
				// A file of many large revisions: past the budget, DSS's own way (read, used, closed by DSS), so
				// that memory stays bounded as it was without sharing.
				return reader;
			}
			held += content.length;
			opened.add(reader);
			shared = new Shared(reader, content.length);
			readers.put(key, shared);
		}
		return shared;
	}

	/**
	 * The document's bytes. Not {@code InputStream.readAllBytes}: DSS's {@code ByteRangeInputStream} answers a read
	 * of zero bytes with -1, which ends {@code readAllBytes} at its first full buffer (8 KiB).
	 */
	static byte[] bytes(DSSDocument document) throws IOException {
		try (InputStream in = document.openStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			byte[] buffer = new byte[64 * 1024];
			for (int read = in.read(buffer, 0, buffer.length); read != -1; read = in.read(buffer, 0, buffer.length)) {
				out.write(buffer, 0, read);
			}
			return out.toByteArray();
		}
	}

	/** How many revisions were parsed. */
	int parsed() {
		return opened.size();
	}

	@Override
	public void close() {
		for (PdfBoxDocumentReader reader : opened) {
			try {
				reader.close();
			}
			catch (IOException | RuntimeException ignored) {
				// nothing more to free
			}
		}
		opened.clear();
		readers.clear();
	}

	interface Parser {

		PdfBoxDocumentReader parse(DSSDocument document) throws IOException;

	}

	/** DSS's PDFBox signature service, reading through the shared readers. */
	private final class Service extends PdfBoxSignatureService {

		Service() {
			super(PDFServiceMode.SIGNATURE, new PdfBoxDefaultSignatureDrawerFactory());
		}

		@Override
		protected PdfDocumentReader loadPdfDocumentReader(DSSDocument document, char[] password) throws IOException {
			return reader(document, bytes -> (PdfBoxDocumentReader) super.loadPdfDocumentReader(bytes, password));
		}

	}

	/** A shared reader: DSS's, which DSS's own closing leaves open; closed with the validation. */
	static final class Shared implements PdfDocumentReader {

		private final PdfBoxDocumentReader reader;

		private final long length;

		Shared(PdfBoxDocumentReader reader, long length) {
			this.reader = reader;
			this.length = length;
		}

		/** The length of the revision read, in bytes (from the start of the file). */
		long length() {
			return length;
		}

		/** Whether the validation is over and the reader closed. */
		boolean closed() {
			return reader.getPDDocument().getDocument().isClosed();
		}

		@Override
		public void close() {
			// closed with the validation (SharedPdfReaders.close)
		}

		@Override
		public PdfDssDict getDSSDictionary() {
			return reader.getDSSDictionary();
		}

		@Override
		public Map<PdfSignatureDictionary, List<PdfSignatureField>> extractSigDictionaries() throws IOException {
			return reader.extractSigDictionaries();
		}

		@Override
		public boolean isSignatureCoversWholeDocument(PdfSignatureDictionary signatureDictionary) {
			return reader.isSignatureCoversWholeDocument(signatureDictionary);
		}

		@Override
		public int getNumberOfPages() {
			return reader.getNumberOfPages();
		}

		@Override
		public AnnotationBox getPageBox(int page) {
			return reader.getPageBox(page);
		}

		@Override
		public int getPageRotation(int page) {
			return reader.getPageRotation(page);
		}

		@Override
		public List<PdfAnnotation> getPdfAnnotations(int page) throws IOException {
			return reader.getPdfAnnotations(page);
		}

		@Override
		public BufferedImage generateImageScreenshot(int page) throws IOException {
			return reader.generateImageScreenshot(page);
		}

		@Override
		public BufferedImage generateImageScreenshotWithoutAnnotations(int page, List<PdfAnnotation> addedAnnotations)
				throws IOException {
			return reader.generateImageScreenshotWithoutAnnotations(page, addedAnnotations);
		}

		@Override
		public boolean isEncrypted() {
			return reader.isEncrypted();
		}

		@Override
		public boolean isOpenWithOwnerAccess() {
			return reader.isOpenWithOwnerAccess();
		}

		@Override
		public boolean canFillSignatureForm() {
			return reader.canFillSignatureForm();
		}

		@Override
		public boolean canCreateSignatureField() {
			return reader.canCreateSignatureField();
		}

		@Override
		public CertificationPermission getCertificationPermission() {
			return reader.getCertificationPermission();
		}

		@Override
		public boolean isUsageRightsSignaturePresent() {
			return reader.isUsageRightsSignaturePresent();
		}

		@Override
		public PdfDict getCatalogDictionary() {
			return reader.getCatalogDictionary();
		}

		@Override
		public float getPdfHeaderVersion() {
			return reader.getPdfHeaderVersion();
		}

		@Override
		public float getVersion() {
			return reader.getVersion();
		}

		@Override
		public void setVersion(float version) {
			reader.setVersion(version);
		}

		@Override
		public PdfDict createPdfDict() {
			return reader.createPdfDict();
		}

		@Override
		public PdfArray createPdfArray() {
			return reader.createPdfArray();
		}

	}

}
