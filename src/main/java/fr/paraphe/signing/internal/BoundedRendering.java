package fr.paraphe.signing.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

/**
 * Renders one page of a hostile PDF within a budget, or refuses: a 4 MB upload whose content stream inflates to
 * 4 GiB once took 17 s of CPU per picture. PDFBox decodes a stream whole before reading its first byte, so a
 * deadline alone cannot stop that; hence, before rendering, every stream the page can reach (contents, forms,
 * fonts, patterns, annotations' appearances) is decoded into a counting sink that gives up beyond
 * {@link Budget#maxDecodedBytes()}, and every image's declared size counts against
 * {@link Budget#maxImagePixels()}. Then the page is drawn with a check of the deadline before each operator.
 */
public final class BoundedRendering {

	/**
	 * What one page picture may cost.
	 * @param deadline wall time for the whole picture, checks included
	 * @param maxDecodedBytes decoded bytes of all the page's non-image streams together
	 * @param maxImagePixels declared pixels of all the page's images together
	 */
	public record Budget(Duration deadline, long maxDecodedBytes, long maxImagePixels) {

		public static final Budget DEFAULT = new Budget(Duration.ofSeconds(3), 32L << 20, 60_000_000L);

	}

	/** The page would cost more than its budget: nothing was rendered. */
	public static final class TooCostly extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TooCostly(String why) {
			super(why, null, false, false);
		}

	}

	/** Image codecs, which decode with their own bounds (the image's declared size is checked instead). */
	private static final Set<COSName> IMAGE_CODECS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
			COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION);

	private BoundedRendering() {
	}

	/**
	 * The page at {@code index} (0-based) at {@code scale}, in RGB.
	 * @throws TooCostly beyond the budget
	 * @throws IOException when PDFBox cannot read the page
	 */
	public static BufferedImage render(PDDocument document, int index, float scale, Budget budget) throws IOException {
		long deadline = System.nanoTime() + budget.deadline().toNanos();
		PDPage page = document.getPage(index);
		checkStreams(page, budget, deadline);
		PDFRenderer renderer = new PDFRenderer(document) {

			@Override
			protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
				return new PageDrawer(parameters) {

					@Override
					protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
						checkDeadline(deadline);
						super.processOperator(operator, operands);
					}

					@Override
					public void drawImage(PDImage image) throws IOException {
						checkDeadline(deadline);
						super.drawImage(image);
					}

				};
			}

		};
		renderer.setSubsamplingAllowed(true);
		return renderer.renderImage(index, scale, ImageType.RGB);
	}

	private static void checkDeadline(long deadline) {
		if (System.nanoTime() - deadline > 0) {
			throw new TooCostly("deadline");
		}
	}

	/** Walks the page's object graph (not up through /Parent or /P) and bounds what decoding it would cost. */
	private static void checkStreams(PDPage page, Budget budget, long deadline) throws IOException {
		Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<COSBase> pending = new ArrayDeque<>();
		pending.push(page.getCOSObject());
		if (page.getResources() != null) {
			// Inherited from the page tree, which the walk does not climb.
			pending.push(page.getResources().getCOSObject());
		}
		long decoded = 0;
		long pixels = 0;
		while (!pending.isEmpty()) {
			checkDeadline(deadline);
			COSBase item = pending.pop();
			if (item instanceof COSObject reference) {
				item = reference.getObject();
			}
			if (item == null || !seen.add(item)) {
				continue;
			}
			if (item instanceof COSArray array) {
				for (COSBase element : array) {
					pending.push(element);
				}
				continue;
			}
			if (!(item instanceof COSDictionary dictionary)) {
				continue;
			}
			for (COSName key : dictionary.keySet()) {
				if (!key.equals(COSName.PARENT) && !key.equals(COSName.P)) {
					pending.push(dictionary.getItem(key));
				}
			}
			if (item instanceof COSStream stream) {
				if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
					long width = Math.max(0, stream.getInt(COSName.WIDTH, stream.getInt(COSName.W, 0)));
					long height = Math.max(0, stream.getInt(COSName.HEIGHT, stream.getInt(COSName.H, 0)));
					pixels += width * height;
					if (pixels > budget.maxImagePixels()) {
						throw new TooCostly("image pixels");
					}
				}
				decoded += decodedLength(stream, budget.maxDecodedBytes() - decoded, deadline);
			}
		}
	}

	/** Decodes {@code stream}'s non-image filters into a counting sink; gives up beyond {@code allowance}. */
	private static long decodedLength(COSStream stream, long allowance, long deadline) throws IOException {
		List<COSName> filters = filters(stream);
		byte[] data;
		try (InputStream raw = stream.createRawInputStream()) {
			if (filters.isEmpty()) {
				return count(raw, allowance, deadline);
			}
			data = raw.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, stream.getLength())));
		}
		long length = data.length;
		for (int i = 0; i < filters.size(); i++) {
			if (IMAGE_CODECS.contains(filters.get(i))) {
				return length;
			}
			Filter filter = FilterFactory.INSTANCE.getFilter(filters.get(i));
			Counting sink = new Counting(allowance, deadline, i < filters.size() - 1);
			try {
				filter.decode(new ByteArrayInputStream(data), sink, stream, i);
			}
			catch (TooCostly costly) {
				throw costly;
			}
			catch (IOException | RuntimeException unreadable) {
				// PDFBox's own reading will say the stream is damaged; its cost is what was decoded.
				return sink.count;
			}
			length = sink.count;
			data = sink.kept == null ? null : sink.kept.toByteArray();
			if (data == null) {
				return length;
			}
		}
		return length;
	}

	private static List<COSName> filters(COSStream stream) {
		COSBase filter = stream.getDictionaryObject(COSName.FILTER, COSName.F);
		if (filter instanceof COSName name) {
			return List.of(name);
		}
		if (filter instanceof COSArray array) {
			return array.toList().stream().map(item -> item instanceof COSObject o ? o.getObject() : item)
				.filter(COSName.class::isInstance).map(COSName.class::cast).toList();
		}
		return List.of();
	}

	private static long count(InputStream in, long allowance, long deadline) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		for (int read; (read = in.read(buffer)) > 0;) {
			total += read;
			if (total > allowance) {
				throw new TooCostly("decoded bytes");
			}
			checkDeadline(deadline);
		}
		return total;
	}

	/** Counts what a filter writes, keeps it when another filter follows, and stops it beyond the allowance. */
	private static final class Counting extends OutputStream {

		private final long allowance;

		private final long deadline;

		private final ByteArrayOutputStream kept;

		private long count;

		Counting(long allowance, long deadline, boolean keep) {
			this.allowance = allowance;
			this.deadline = deadline;
			this.kept = keep ? new ByteArrayOutputStream() : null;
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			count += length;
			if (count > allowance) {
				throw new TooCostly("decoded bytes");
			}
			if ((count & 0xFFFFF) < length) {
				checkDeadline(deadline);
			}
			if (kept != null) {
				kept.write(bytes, offset, length);
			}
		}

	}

}
