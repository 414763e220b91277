package fr.paraphe.validation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.validation.reports.Reports;
import fr.paraphe.validation.internal.DocumentRejectedException.Reason;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * The validator: refuses what is too large or not a PDF before any parsing, then, on a bounded executor with a
 * deadline, reads the PDF with PDFBox under a memory limit, validates it with DSS under the strict policy,
 * compares every signed revision with the final file, and assembles the report.
 */
public class DefaultPdfValidator implements PdfValidator, AutoCloseable {

	/**
	 * Limits of one validation.
	 *
	 * @param maxCost the largest cost (pages × objects) a document may have; above, it is refused before the
	 * expensive steps
	 * @param heavyCost from this cost on, a document is heavy: one at a time per client
	 */
	public record Limits(long maxDocumentBytes, Duration timeout, int concurrency, int queueCapacity,
			long maxMemoryBytes, long maxTempFileBytes, long maxCost, long heavyCost) {

		public Limits(long maxDocumentBytes, Duration timeout, int concurrency, int queueCapacity, long maxMemoryBytes,
				long maxTempFileBytes) {
			this(maxDocumentBytes, timeout, concurrency, queueCapacity, maxMemoryBytes, maxTempFileBytes, 200_000_000L,
					2_000_000L);
		}

	}

	private static final int MAX_REVISIONS_COMPARED = 64;

	private final DssEngine dss;

	private final Supplier<List<X509Certificate>> trustAnchors;

	private final Supplier<CertificateSource> extraTrusted;

	private final Limits limits;

	private final BoundedExecutor executor;

	/** Firms calling with their API key: their own threads and queue, apart from the public's. */
	private final BoundedExecutor firmExecutor;

	/** Clients with a heavy document being validated. */
	private final Set<String> heavyClients = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final ReportAssembler assembler;

	private final Clock clock;

	private final OnlineRevocation revocation;

	public DefaultPdfValidator(DssEngine dss, List<TrustAnchorSource> sources, Supplier<CertificateSource> extraTrusted,
			Limits limits, Explanations explanations, Clock clock) {
		this(dss, sources, extraTrusted, limits, explanations, clock, OnlineRevocation.offline());
	}

	/** @param revocation where revocation data the document lacks is looked for, and the current status asked */
	DefaultPdfValidator(DssEngine dss, List<TrustAnchorSource> sources, Supplier<CertificateSource> extraTrusted,
			Limits limits, Explanations explanations, Clock clock, OnlineRevocation revocation) {
		this.revocation = revocation;
		this.dss = dss;
		this.trustAnchors = () -> sources.stream().flatMap(source -> source.trustAnchors().stream()).toList();
		this.extraTrusted = extraTrusted;
		this.limits = limits;
		this.executor = new BoundedExecutor(limits.concurrency(), limits.queueCapacity());
		this.firmExecutor = new BoundedExecutor(limits.concurrency(), limits.queueCapacity());
		this.assembler = new ReportAssembler(explanations, dss.policyName());
		this.clock = clock;
	}

	@Override
	public ValidationReport validate(InputStream pdf, String filename, Locale locale) {
		return validate(pdf, filename, locale, ValidationClient.ANONYMOUS);
	}

	@Override
	public ValidationReport validate(InputStream pdf, String filename, Locale locale, ValidationClient client) {
		// DSS and PDFBox log some messages once per skipped object: each is logged once per document instead.
		try (RepeatedLogs.Scope logs = RepeatedLogs.open(); RepeatedLogs.Binding here = logs.bind()) {
			return validate(pdf, filename, locale, client, logs);
		}
	}

	private ValidationReport validate(InputStream pdf, String filename, Locale locale, ValidationClient client,
			RepeatedLogs.Scope logs) {
		byte[] bytes = readBounded(pdf);
		String name = filename == null || filename.isBlank() ? "document.pdf" : filename;
		Locale language = locale == null ? Locale.FRENCH : locale;
		ValidationClient caller = client == null ? ValidationClient.ANONYMOUS : client;
		// Read once, here: the cost is known before any expensive step, and the worker goes on with this document.
		// Reading is bounded by the same deadline as the rest: a hostile structure cannot hold this thread longer.
		long start = System.nanoTime();
		Cancellation reading = new Cancellation(start + limits.timeout().toNanos());
		reading.bind();
		PDDocument loaded;
		long cost;
		try {
			loaded = load(bytes, bytes.length);
			cost = cost(loaded);
		}
		catch (Cancellation.Cancelled ex) {
			throw new DocumentRejectedException(Reason.TOO_COMPLEX,
					"the document could not be read within " + limits.timeout().toSeconds() + " s", ex);
		}
		finally {
			Cancellation.unbind();
		}
		Duration left = limits.timeout().minusNanos(System.nanoTime() - start);
		if (cost > limits.maxCost()) {
			closeQuietly(loaded);
			throw new DocumentRejectedException(Reason.TOO_COMPLEX,
					"the document's cost (pages x objects) " + cost + " exceeds " + limits.maxCost());
		}
		boolean heavy = cost >= limits.heavyCost();
		if (heavy && !heavyClients.add(caller.id())) {
			closeQuietly(loaded);
			throw new DocumentRejectedException(Reason.CLIENT_BUSY,
					"a heavy document of this client is already being validated");
		}
		Runnable release = () -> {
			closeQuietly(loaded);
			if (heavy) {
				heavyClients.remove(caller.id());
			}
		};
		return (caller.firm() ? firmExecutor : executor).run(
				() -> logs.call(() -> validateNow(bytes, loaded, name, language)),
				left.isNegative() ? Duration.ZERO : left, release);
	}

	private static void closeQuietly(PDDocument document) {
		try {
			document.close();
		}
		catch (IOException | RuntimeException ignored) {
			// nothing more to free
		}
	}

	/**
	 * What a validation of this document will cost, before any expensive step: pages × objects (each page's
	 * comparison and rendering walks objects). Only the cross-reference data and the page count are read.
	 */
	long cost(byte[] bytes) {
		try (PDDocument document = load(bytes, bytes.length)) {
			return cost(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long cost(PDDocument document) {
		long objects = Math.max(1, document.getDocument().getXrefTable().size());
		long pages;
		try {
			pages = Math.max(1, Math.min(document.getNumberOfPages(), objects));
		}
		catch (Cancellation.Cancelled ex) {
			throw ex;
		}
		catch (RuntimeException unreadablePageTree) {
			// The page tree is read (and judged) later; its cost is bounded by the objects.
			pages = 1;
		}
		return pages * objects;
	}

	private byte[] readBounded(InputStream pdf) {
		byte[] bytes;
		try {
			bytes = pdf.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxDocumentBytes() + 1));
		}
		catch (IOException ex) {
			throw new DocumentRejectedException(Reason.MALFORMED, "the document could not be read", ex);
		}
		if (bytes.length > limits.maxDocumentBytes()) {
			throw new DocumentRejectedException(Reason.TOO_LARGE,
					"the document is larger than " + limits.maxDocumentBytes() + " bytes");
		}
		if (!hasPdfHeader(bytes)) {
			throw new DocumentRejectedException(Reason.NOT_PDF, "no %PDF- header");
		}
		return bytes;
	}

	/** ISO 32000-1 §7.5.2: %PDF-; readers accept it within the first 1024 bytes. */
	static boolean hasPdfHeader(byte[] bytes) {
		byte[] header = "%PDF-".getBytes(StandardCharsets.US_ASCII);
		outer: for (int i = 0; i <= Math.min(1024, bytes.length - header.length); i++) {
			for (int j = 0; j < header.length; j++) {
				if (bytes[i + j] != header[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	/** Validates the document {@code current} (read from {@code bytes}); the caller closes it. */
	@SuppressWarnings("unchecked")
	private ValidationReport validateNow(byte[] bytes, PDDocument current, String name, Locale locale) {
		AtomicInteger compared = new AtomicInteger();
		{
			List<COSDictionary> signatures = SignatureDictionaries.all(current);
			// Also count signature dictionaries no field points to any more (an attacker can detach them): a file
			// that carries signatures none of which validates is a failure, not an unsigned document.
			int signatureDictionaries = Math.max(signatures.size(), SignatureDictionaries.countByteRanges(bytes));
			// Paraphe's own comparison first: it also tells DSS which revisions it need not render.
			RevisionComparator comparator = new RevisionComparator(2_000_000, 4 * limits.maxDocumentBytes());
			Map<String, List<Modification>> comparisons = new HashMap<>();
			// The final file's cross-reference data and the objects it uses, once for all signatures.
			CrossReferences finalReferences;
			String finalNotStrict = null;
			try {
				finalReferences = CrossReferences.read(bytes, bytes.length);
			}
			catch (CrossReferences.NotStrict ex) {
				finalReferences = null;
				finalNotStrict = ex.getMessage();
			}
			Map<Long, ObjectUses.Use>[] finalUses = new Map[1];
			CrossReferences currentReferences = finalReferences;
			String currentNotStrict = finalNotStrict;
			Set<Long> identicalRenderings = new HashSet<>();
			Comparisons compare = byteRange -> comparisons.computeIfAbsent(Arrays.toString(byteRange), key -> {
				if (!plausible(byteRange, bytes.length)) {
					return List.of(new Modification(Modification.Kind.NOT_COMPARABLE, false, List.of(),
							"the byte range does not describe a revision of this file"));
				}
				if (compared.incrementAndGet() > MAX_REVISIONS_COMPARED) {
					return List.of(new Modification(Modification.Kind.NOT_COMPARABLE, false, List.of(),
							"too many revisions"));
				}
				int end = (int) (byteRange[2] + byteRange[3]);
				List<Modification> found = new java.util.ArrayList<>();
				if (end == bytes.length) {
					// The signature covers the whole file: the signed revision is the final file, nothing can have
					// changed after it. Only its cross-reference data must still read strictly.
					if (currentNotStrict != null) {
						found.add(new Modification(Modification.Kind.REVISION_XREF_NOT_STRICT, false, List.of(),
								"the signed file does not parse strictly from its cross-reference data: "
										+ currentNotStrict));
					}
					// Nor need DSS render it to compare it with itself (a deflate bomb on a page would be decoded).
					identicalRenderings.add((long) bytes.length);
					return found;
				}
				// The signed revision is read strictly from its own cross-reference data: no brute-force recovery,
				// which could read back an object an attacker planted in the signed bytes (NDSS 2021).
				CrossReferences signedReferences = null;
				PDDocument strict = null;
				try {
					signedReferences = CrossReferences.read(bytes, end);
					strict = loadStrict(bytes, end);
				}
				catch (CrossReferences.NotStrict | IOException | RuntimeException ex) {
					found.add(new Modification(Modification.Kind.REVISION_XREF_NOT_STRICT, false, List.of(),
							"the signed revision does not parse strictly from its own cross-reference data: "
									+ (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage())));
				}
				if (currentNotStrict != null) {
					found.add(new Modification(Modification.Kind.REVISION_XREF_NOT_STRICT, false, List.of(),
							"the final file does not parse strictly from its cross-reference data: " + currentNotStrict));
				}
				// One signed revision open at a time, beside the final file: memory stays bounded by two documents.
				try (PDDocument revision = strict != null ? strict : load(bytes, end)) {
					RevisionComparator.Comparison comparison = comparator.compareRevision(revision, current, byteRange);
					found.addAll(comparison.modifications());
					if (signedReferences != null && currentReferences != null) {
						if (finalUses[0] == null) {
							finalUses[0] = ObjectUses.of(current, 2_000_000);
						}
						found.addAll(ObjectUses.compare(signedReferences, ObjectUses.of(revision, 2_000_000), end,
								currentReferences, finalUses[0]));
					}
					boolean forbidden = found.stream().anyMatch(modification -> !modification.permitted());
					// DSS need not render this revision when it renders identically, or when every difference is a
					// later signature's widget Paraphe rendered and measured over blank paper (DSS's rendering would
					// find those very widgets), or when a change that is not permitted was already found: its visual
					// comparison could only add to a verdict that can no longer be "valid" (and rendering a broken
					// file is the costliest thing an upload can ask for).
					if (forbidden || comparison.everyDifferenceJudged() && found.size() == comparison.modifications().size()) {
						identicalRenderings.add((long) end);
					}
					return found;
				}
				catch (RevisionComparator.TooComplexException ex) {
					found.add(new Modification(Modification.Kind.NOT_COMPARABLE, false, List.of(), ex.getMessage()));
					return found;
				}
				catch (DocumentRejectedException ex) {
					return List.of(new Modification(Modification.Kind.NOT_COMPARABLE, false, List.of(),
							"the signed revision cannot be read on its own"));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			for (COSDictionary signature : signatures) {
				long[] range = SignatureDictionaries.byteRange(signature);
				if (range != null) {
					compare.after(range);
				}
			}
			Reports reports;
			OnlineRevocation.Session session = revocation.session();
			try {
				reports = dss.validate(bytes, name, trustAnchors.get(), extraTrusted.get(), limits.maxMemoryBytes(),
						limits.maxTempFileBytes(), identicalRenderings::contains, revocation.active() ? session : null);
			}
			catch (RuntimeException ex) {
				if (signatureDictionaries == 0) {
					throw new DocumentRejectedException(Reason.MALFORMED, "the document could not be analysed", ex);
				}
				reports = null;
			}
			// DSS's verdict may come just before the deadline, and what follows (dating, assembling the report)
			// checks nothing: a check point before and after it, so that a validation past its deadline stops
			// instead of ending in the background with a report its caller no longer waits for.
			Cancellation.checkCurrent();
			ValidationReport report = assembler.assemble(name, bytes, reports, signatureDictionaries, compare,
					trailingData(bytes, current), clock.instant(), locale, session);
			Cancellation.checkCurrent();
			return report;
		}
	}

	/** Compares the revision a byte range covers with the final file. */
	interface Comparisons {

		List<Modification> after(long[] byteRange);

	}

	static boolean plausible(long[] range, long length) {
		return range != null && range[0] == 0 && range[1] > 0 && range[2] > range[1] && range[3] >= 0
				&& range[2] + range[3] <= length;
	}

	/**
	 * Bytes after the last signed revision that are not incremental updates (which the comparison covers): data
	 * a viewer may or may not read, that no signature covers.
	 */
	private static boolean trailingData(byte[] bytes, PDDocument current) {
		long end = 0;
		for (var signature : SignatureDictionaries.all(current)) {
			long[] range = SignatureDictionaries.byteRange(signature);
			if (plausible(range, bytes.length)) {
				end = Math.max(end, range[2] + range[3]);
			}
		}
		if (end == 0 || end >= bytes.length) {
			return false;
		}
		String tail = new String(bytes, (int) end, bytes.length - (int) end, StandardCharsets.ISO_8859_1)
			.replaceAll("[\\x00\\s]+$", "");
		if (tail.isBlank()) {
			return false;
		}
		return !(tail.endsWith("%%EOF") && tail.contains("startxref"));
	}

	/** A revision read without PDFBox's lenient repairs (brute-force object search, stream length guessing). */
	private PDDocument loadStrict(byte[] bytes, int length) throws IOException {
		org.apache.pdfbox.pdfparser.PDFParser parser = new org.apache.pdfbox.pdfparser.PDFParser(
				new CancellableBuffer(ByteBuffer.wrap(bytes, 0, length).slice()), "", null, null,
				MemoryUsageSetting.setupMixed(limits.maxMemoryBytes(), limits.maxTempFileBytes()).streamCache);
		return parser.parse(false);
	}

	private PDDocument load(byte[] bytes, int length) {
		try {
			return Loader.loadPDF(new CancellableBuffer(ByteBuffer.wrap(bytes, 0, length).slice()), "", null, null,
					MemoryUsageSetting.setupMixed(limits.maxMemoryBytes(), limits.maxTempFileBytes()).streamCache);
		}
		catch (InvalidPasswordException ex) {
			throw new DocumentRejectedException(Reason.ENCRYPTED, "the document is protected by a password", ex);
		}
		catch (Cancellation.Cancelled ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new DocumentRejectedException(Reason.MALFORMED, "the PDF structure cannot be read", ex);
		}
	}

	/** How many validations ran to their end after their caller had been told they took too long (none should). */
	int finishedLate() {
		return executor.finishedLate() + firmExecutor.finishedLate();
	}

	/** How many validations are running now, in both queues. */
	int running() {
		return executor.running() + firmExecutor.running();
	}

	/** How many validations wait for a worker, in both queues. */
	int waiting() {
		return executor.waiting() + firmExecutor.waiting();
	}

	@Override
	public void close() {
		executor.close();
		firmExecutor.close();
	}

}
