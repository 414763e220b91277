package fr.paraphe.registration.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import fr.paraphe.shared.ProblemException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.http.HttpStatus;

/**
 * Decides what an uploaded identity document is from its content alone (never its name or declared type):
 * a JPEG, PNG or PDF that decodes, of at most {@link #MAX_SIZE} bytes and {@link #MAX_PIXELS} pixels, with
 * nothing that a browser or a server could take for a script. Images come out re-encoded, which drops their
 * metadata (EXIF: position, device) and anything appended to them.
 */
public final class DocumentInspector {

	/** 10 MB. */
	public static final long MAX_SIZE = 10L * 1024 * 1024;

	/** 40 megapixels: far above a phone's photo, far below what would exhaust memory (160 MB as ARGB). */
	static final long MAX_PIXELS = 40_000_000L;

	static final int MAX_SIDE = 12_000;

	static final int MAX_PDF_PAGES = 10;

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	/** Markers of markup or code: a polyglot file that is also a page or a script (case-insensitive). */
	private static final String[] SCRIPT_MARKERS = { "<?php", "<script", "<html", "<svg", "<iframe", "<body",
			"javascript:" };

	/** PDF features an identity document never needs and an attacker loves. */
	private static final String[] PDF_ACTIVE = { "/JavaScript", "/Launch", "/EmbeddedFile", "/RichMedia", "/XFA" };

	private DocumentInspector() {
	}

	/**
	 * @return the document to store: re-encoded for images, as sent for PDFs
	 * @throws ProblemException 400 with a {@code registration.document.*} message otherwise
	 */
	public static Inspected inspect(byte[] content) {
		if (content == null || content.length == 0) {
			throw refused("registration.document.empty");
		}
		if (content.length > MAX_SIZE) {
			throw refused("registration.document.tooLarge");
		}
		String kind = startsWith(content, JPEG) ? "image/jpeg"
				: startsWith(content, PNG) ? "image/png" : startsWith(content, PDF) ? "application/pdf" : null;
		if (kind == null) {
			throw refused("registration.document.type");
		}
		String latin = new String(content, StandardCharsets.ISO_8859_1);
		String lower = latin.toLowerCase(Locale.ROOT);
		for (String marker : SCRIPT_MARKERS) {
			if (lower.contains(marker)) {
				throw refused("registration.document.suspicious");
			}
		}
		if (kind.equals("application/pdf")) {
			for (String marker : PDF_ACTIVE) {
				if (latin.contains(marker)) {
					throw refused("registration.document.suspicious");
				}
			}
			checkPdf(content);
			return new Inspected(kind, content);
		}
		// An image that is also a PDF (a PDF tolerates garbage before its header).
		if (latin.contains("%PDF-")) {
			throw refused("registration.document.suspicious");
		}
		return new Inspected(kind, reencode(content, kind));
	}

	private static void checkPdf(byte[] content) {
		try (PDDocument document = Loader.loadPDF(content)) {
			if (document.isEncrypted() || document.getNumberOfPages() < 1 || document.getNumberOfPages() > MAX_PDF_PAGES) {
				throw refused("registration.document.corrupt");
			}
			// Object streams hide names from a textual scan: look at every object as PDFBox parses it.
			org.apache.pdfbox.cos.COSDocument cos = document.getDocument();
			for (org.apache.pdfbox.cos.COSObjectKey key : new java.util.ArrayList<>(cos.getXrefTable().keySet())) {
				org.apache.pdfbox.cos.COSObject object = cos.getObjectFromPool(key);
				if (object != null && isActive(object.getObject(), 0)) {
					throw refused("registration.document.suspicious");
				}
			}
			if (isActive(cos.getTrailer(), 0)) {
				throw refused("registration.document.suspicious");
			}
		}
		catch (IOException | RuntimeException unreadable) {
			if (unreadable instanceof ProblemException problem) {
				throw problem;
			}
			throw refused("registration.document.corrupt");
		}
	}

	private static final java.util.Set<org.apache.pdfbox.cos.COSName> ACTIVE_NAMES = java.util.Set.of(
			org.apache.pdfbox.cos.COSName.JS, org.apache.pdfbox.cos.COSName.JAVA_SCRIPT,
			org.apache.pdfbox.cos.COSName.getPDFName("Launch"), org.apache.pdfbox.cos.COSName.EMBEDDED_FILES,
			org.apache.pdfbox.cos.COSName.getPDFName("EmbeddedFile"), org.apache.pdfbox.cos.COSName.getPDFName("RichMedia"),
			org.apache.pdfbox.cos.COSName.XFA, org.apache.pdfbox.cos.COSName.getPDFName("SubmitForm"),
			org.apache.pdfbox.cos.COSName.getPDFName("ImportData"));

	/** Whether a PDF object (and its direct children) names JavaScript, launch, embedded files, XFA… */
	private static boolean isActive(org.apache.pdfbox.cos.COSBase base, int depth) {
		if (depth > 20) {
			return false;
		}
		if (base instanceof org.apache.pdfbox.cos.COSName name) {
			return ACTIVE_NAMES.contains(name);
		}
		if (base instanceof org.apache.pdfbox.cos.COSArray array) {
			for (org.apache.pdfbox.cos.COSBase item : array) {
				if (!(item instanceof org.apache.pdfbox.cos.COSObject) && isActive(item, depth + 1)) {
					return true;
				}
			}
			return false;
		}
		if (base instanceof org.apache.pdfbox.cos.COSDictionary dictionary) {
			for (java.util.Map.Entry<org.apache.pdfbox.cos.COSName, org.apache.pdfbox.cos.COSBase> entry : dictionary.entrySet()) {
				if (ACTIVE_NAMES.contains(entry.getKey())) {
					return true;
				}
				if (!(entry.getValue() instanceof org.apache.pdfbox.cos.COSObject) && isActive(entry.getValue(), depth + 1)) {
					return true;
				}
			}
		}
		return false;
	}

	private static byte[] reencode(byte[] content, String kind) {
		BufferedImage image;
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw refused("registration.document.corrupt");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				// The header's dimensions, before any pixel is decoded: an image bomb stops here.
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE
						|| (long) width * height > MAX_PIXELS) {
					throw refused("registration.document.tooManyPixels");
				}
				image = reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException unreadable) {
			if (unreadable instanceof ProblemException problem) {
				throw problem;
			}
			throw refused("registration.document.corrupt");
		}
		if (image == null) {
			throw refused("registration.document.corrupt");
		}
		try {
			return kind.equals("image/png") ? writePng(image) : writeJpeg(image);
		}
		catch (IOException | RuntimeException failure) {
			throw refused("registration.document.corrupt");
		}
	}

	private static byte[] writePng(BufferedImage image) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (!ImageIO.write(image, "png", out)) {
			throw new IOException("No PNG writer");
		}
		return out.toByteArray();
	}

	private static byte[] writeJpeg(BufferedImage source) throws IOException {
		BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D graphics = rgb.createGraphics();
		try {
			graphics.drawImage(source, 0, 0, java.awt.Color.WHITE, null);
		}
		finally {
			graphics.dispose();
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(output);
			ImageWriteParam parameters = writer.getDefaultWriteParam();
			parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			parameters.setCompressionQuality(0.92f);
			writer.write(null, new IIOImage(rgb, null, null), parameters);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	private static boolean startsWith(byte[] content, byte[] prefix) {
		return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static ProblemException refused(String key) {
		return new ProblemException(HttpStatus.BAD_REQUEST, key);
	}

	/** A document that passed: its real media type and the bytes to store. */
	public record Inspected(String mediaType, byte[] content) {
	}

}
