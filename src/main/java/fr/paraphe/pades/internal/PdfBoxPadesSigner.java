package fr.paraphe.pades.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

import fr.paraphe.pades.PadesSigner;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.pades.SigningKey;
import fr.paraphe.pades.TspSource;
import fr.paraphe.pki.DigestAlgorithm;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.shared.ProblemException;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.springframework.http.HttpStatus;

/**
 * The signing engine: PDFBox prepares the incremental update and its byte ranges, which are streamed through a
 * digest; {@link CmsSignatures} builds the CMS whose signature value the key store computes. A document up to
 * {@link #IN_MEMORY_LIMIT} goes from byte array to byte array; a larger one from temporary file to temporary file,
 * so that it never sits in memory.
 */
public class PdfBoxPadesSigner implements PadesSigner {

	static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");

	static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");

	/**
	 * Room in /Contents for the signed attributes, the signature value (up to RSA-4096) and the CMS structure, on
	 * top of the certificates. /Contents is written as hex, byte by byte, by PDFBox: a room much larger than the CMS
	 * costs more than the rest of a small signature, so it is sized to what goes in, and a CMS that does not fit
	 * (a time-stamp token grown after a TSA renewal) makes the step start again with the room it needs.
	 */
	private static final int CMS_OVERHEAD = 1_024;

	/** Room over the previous CMS of the same signer and kind: ECDSA values and tokens vary by a few bytes. */
	private static final int CMS_MARGIN = 256;

	/** A signer's certificate and whether its CMS carries a signature time-stamp. */
	private record CmsLength(X509Certificate certificate, boolean timestamped) {
	}

	/** The length of each signer's latest CMS, by kind. */
	private final java.util.Map<CmsLength, Integer> cmsLengths = new java.util.concurrent.ConcurrentHashMap<>();

	/** The length of the latest time-stamp token, which the next one will be close to. */
	private final AtomicInteger timestampLength = new AtomicInteger(6_144);

	/**
	 * Documents up to this size are signed in memory, each step from a byte array to a byte array, while the memory
	 * budget of {@link Working} has room; larger ones go from temporary file to temporary file so that memory stays
	 * bounded whatever the size.
	 */
	static final int IN_MEMORY_LIMIT = 8 << 20;

	private static final byte[] PDF_HEADER = "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private final CmsSignatures cms;

	private final TspSource tsa;

	private final LongTermData longTermData;

	private final long maxSize;

	private final Clock clock;

	private final java.nio.file.Path temporaryDirectory;

	private final VisibleSignatures appearances = new VisibleSignatures();

	/**
	 * @param validationData the sources of B-LT's validation data; null for an engine that only signs at B-B or B-T
	 * (tests)
	 */
	public PdfBoxPadesSigner(KeyStore keyStore, TspSource tsa, PadesSigner.ValidationDataSources validationData,
			long maxSize, Clock clock) {
		this(keyStore, tsa, validationData, maxSize, clock, null);
	}

	/**
	 * @param temporaryDirectory where large documents and PDFBox's caches go while they are signed (the
	 * application's own directory); null for the system's
	 */
	public PdfBoxPadesSigner(KeyStore keyStore, TspSource tsa, PadesSigner.ValidationDataSources validationData,
			long maxSize, Clock clock, java.nio.file.Path temporaryDirectory) {
		this.temporaryDirectory = temporaryDirectory;
		this.cms = new CmsSignatures(keyStore, tsa);
		this.tsa = tsa;
		this.longTermData = validationData == null ? null : new LongTermData(validationData);
		this.maxSize = maxSize;
		this.clock = clock;
	}

	@Override
	public byte[] sign(byte[] pdf, SigningKey key, SignatureParameters parameters) {
		checkSize(pdf.length);
		try (Working in = Working.input(pdf, IN_MEMORY_LIMIT, temporaryDirectory);
				Working signed = signAndRaise(in, key, parameters)) {
			return signed.toBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void sign(Path pdf, OutputStream out, SigningKey key, SignatureParameters parameters) {
		try {
			long size = Files.size(pdf);
			checkSize(size);
			try (Working in = Working.input(pdf, size, IN_MEMORY_LIMIT, temporaryDirectory);
					Working signed = signAndRaise(in, key, parameters)) {
				signed.writeTo(out);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public byte[] extend(byte[] pdf, SignatureLevel level) {
		checkSize(pdf.length);
		try (Working in = Working.input(pdf, IN_MEMORY_LIMIT, temporaryDirectory)) {
			checkHeader(in);
			open(in).close();
			Working result = raise(in, level, true);
			try {
				return result.toBytes();
			}
			finally {
				if (result != in) {
					result.close();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Working signAndRaise(Working in, SigningKey key, SignatureParameters parameters) throws IOException {
		checkHeader(in);
		boolean timestamped = parameters.level().atLeast(SignatureLevel.B_T);
		CmsLength sameKind = new CmsLength(key.certificate(), timestamped);
		Integer last = cmsLengths.get(sameKind);
		// The CMS of a signer at a level is within a few bytes of the previous one (ECDSA values and time-stamp
		// tokens vary by a few bytes); the first one gets the estimate from the certificates.
		int room = last != null ? last + CMS_MARGIN
				: CMS_OVERHEAD + key.chain().stream().mapToInt(PdfBoxPadesSigner::length).sum()
						+ (timestamped ? timestampLength.get() + CMS_OVERHEAD : 0);
		Working signed;
		try {
			signed = in.derive(out -> signOnce(in, out, key, parameters, room));
		}
		catch (TooSmall tooSmall) {
			signed = in.derive(out -> signOnce(in, out, key, parameters, tooSmall.needed + CMS_OVERHEAD));
		}
		try {
			Working result = raise(signed, parameters.level(), false);
			if (result != signed) {
				signed.close();
			}
			return result;
		}
		catch (IOException | RuntimeException failure) {
			signed.close();
			throw failure;
		}
	}

	/**
	 * Adds what {@code level} needs after the signature: for an extension of a document whose signatures carry no
	 * signature time-stamp, a document time-stamp stands for it (ETSI EN 319 142-1 §5.4.4 note).
	 * @return the PDF holding the result: {@code pdf} itself if nothing was added, else a new one that the caller
	 * closes
	 */
	private Working raise(Working pdf, SignatureLevel level, boolean extension) throws IOException {
		Working current = pdf;
		if (extension && level.atLeast(SignatureLevel.B_T) && !allTimestamped(current)) {
			current = next(current, pdf, this::documentTimestamp);
		}
		if (level.atLeast(SignatureLevel.B_LT)) {
			current = next(current, pdf, longTermData::addValidationData);
		}
		if (level == SignatureLevel.B_LTA) {
			current = next(current, pdf, this::documentTimestamp);
		}
		return current;
	}

	private boolean allTimestamped(Working pdf) throws IOException {
		try (PDDocument document = pdf.load()) {
			return longTermData.allTimestamped(document);
		}
	}

	/** One incremental update on a loaded document. */
	private interface Step {

		void apply(PDDocument document, OutputStream out) throws IOException;

	}

	/**
	 * Applies {@code step} to {@code current} and closes {@code current} (success or not) unless it is the caller's
	 * {@code origin}.
	 */
	private static Working next(Working current, Working origin, Step step) throws IOException {
		try {
			try {
				return current.derive(out -> {
					try (PDDocument document = current.load()) {
						step.apply(document, out);
					}
				});
			}
			catch (TooSmall tooSmall) {
				// the time-stamp length is now known: the second attempt reserves enough room
				return current.derive(out -> {
					try (PDDocument document = current.load()) {
						step.apply(document, out);
					}
				});
			}
		}
		finally {
			if (current != origin) {
				current.close();
			}
		}
	}

	/**
	 * Loads the document to sign and refuses what cannot be signed: unreadable (400 damaged), encrypted (400),
	 * without pages (400 damaged).
	 */
	private static PDDocument open(Working pdf) {
		PDDocument document = null;
		try {
			document = pdf.load();
			refuseEncrypted(document);
			if (document.getNumberOfPages() == 0) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.damaged");
			}
			return document;
		}
		catch (InvalidPasswordException encrypted) {
			closeQuietly(document);
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.encrypted");
		}
		catch (IOException | RuntimeException damaged) {
			closeQuietly(document);
			if (damaged instanceof ProblemException problem) {
				throw problem;
			}
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.damaged");
		}
	}

	private static void closeQuietly(PDDocument document) {
		if (document != null) {
			try {
				document.close();
			}
			catch (IOException ignored) {
				// already failing
			}
		}
	}

	private void signOnce(Working in, OutputStream output, SigningKey key, SignatureParameters parameters, int room)
			throws IOException {
		try (PDDocument document = open(in)) {
			DocMdp.refuseIfLocked(document);
			if (parameters.certification() > 0 && !document.getSignatureDictionaries().isEmpty()) {
				throw new ProblemException(HttpStatus.CONFLICT, "signing.error.certifyAfterSignature");
			}
			PDSignature signature = new PDSignature();
			signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
			signature.setSubFilter(ETSI_CADES_DETACHED);
			if (parameters.signerName() != null) {
				signature.setName(parameters.signerName());
			}
			if (parameters.reason() != null) {
				signature.setReason(parameters.reason());
			}
			if (parameters.location() != null) {
				signature.setLocation(parameters.location());
			}
			java.time.Instant claimed = parameters.claimedTime() != null ? parameters.claimedTime() : clock.instant();
			Calendar when = new GregorianCalendar(TimeZone.getTimeZone("Europe/Paris"));
			when.setTimeInMillis(claimed.toEpochMilli());
			signature.setSignDate(when);
			if (parameters.certification() > 0) {
				DocMdp.certify(document, signature, parameters.certification());
			}
			SignatureOptions options = new SignatureOptions();
			try {
				options.setPreferredSignatureSize(room);
				Runnable afterAdding = null;
				if (parameters.appearance() != null) {
					appearances.prepare(document, signature, options, parameters, claimed);
				}
				else if (!parameters.marks().isEmpty()) {
					afterAdding = appearances.prepareMarks(document, signature, options, parameters, claimed);
				}
				document.addSignature(signature, options);
				if (afterAdding != null) {
					afterAdding.run();
				}
				ExternalSigningSupport external = document.saveIncrementalForExternalSigning(output);
				byte[] contents;
				try (InputStream content = external.getContent()) {
					contents = cms.sign(content, key, parameters.level().atLeast(SignatureLevel.B_T), timestampLength);
				}
				if (cmsLengths.size() > 10_000) {
					cmsLengths.clear();
				}
				cmsLengths.put(new CmsLength(key.certificate(), parameters.level().atLeast(SignatureLevel.B_T)),
						contents.length);
				if (contents.length > room) {
					throw new TooSmall(contents.length);
				}
				external.setSignature(contents);
			}
			finally {
				options.close();
			}
		}
	}

	/** Adds a document time-stamp (ETSI EN 319 142-1 §5.4.3, SubFilter ETSI.RFC3161) in its own update. */
	void documentTimestamp(PDDocument document, OutputStream output) throws IOException {
		documentTimestamp(document, output, timestampLength.get() + CMS_OVERHEAD);
	}

	private void documentTimestamp(PDDocument document, OutputStream output, int room) throws IOException {
		{
			PDSignature signature = new PDSignature();
			signature.setType(COSName.DOC_TIME_STAMP);
			signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
			signature.setSubFilter(ETSI_RFC3161);
			SignatureOptions options = new SignatureOptions();
			try {
				options.setPreferredSignatureSize(room);
				document.addSignature(signature, options);
				ExternalSigningSupport external = document.saveIncrementalForExternalSigning(output);
				byte[] digest;
				try (InputStream content = external.getContent()) {
					digest = CmsSignatures.digest(content);
				}
				byte[] token = tsa.timeStamp(DigestAlgorithm.SHA256, digest);
				timestampLength.set(token.length);
				if (token.length > room) {
					throw new TooSmall(token.length);
				}
				external.setSignature(token);
			}
			finally {
				options.close();
			}
		}
	}

	private static void checkHeader(Working pdf) throws IOException {
		if (!fr.paraphe.pades.PadesSigner.startsWithPdfHeader(pdf.head(PDF_HEADER.length))) {
			throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "signing.error.notPdf");
		}
	}

	private void checkSize(long size) {
		if (size > maxSize) {
			throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "signing.error.tooLarge", maxSize / (1024 * 1024));
		}
	}

	private static void refuseEncrypted(PDDocument document) {
		if (document.isEncrypted()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.encrypted");
		}
	}

	private static int length(X509Certificate certificate) {
		try {
			return certificate.getEncoded().length;
		}
		catch (java.security.cert.CertificateEncodingException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** The CMS or time-stamp token is longer than the room reserved in /Contents; the step is started again. */
	private static final class TooSmall extends RuntimeException {

		private static final long serialVersionUID = 1L;

		final int needed;

		TooSmall(int needed) {
			super("Signature needs " + needed + " bytes", null, false, false);
			this.needed = needed;
		}

	}

	/** ISO 32000-1 §12.8.2.2: DocMDP. */
	static final class DocMdp {

		private DocMdp() {
		}

		/** 409 if a certification signature forbids any change (P=1). */
		static void refuseIfLocked(PDDocument document) {
			COSDictionary perms = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
			if (perms == null) {
				return;
			}
			COSDictionary signature = perms.getCOSDictionary(COSName.DOCMDP);
			if (signature == null) {
				return;
			}
			COSArray references = signature.getCOSArray(COSName.getPDFName("Reference"));
			if (references == null) {
				return;
			}
			for (int i = 0; i < references.size(); i++) {
				if (references.getObject(i) instanceof COSDictionary reference
						&& reference.getCOSDictionary(COSName.getPDFName("TransformParams")) != null
						&& reference.getCOSDictionary(COSName.getPDFName("TransformParams")).getInt(COSName.P, 2) == 1) {
					throw new ProblemException(HttpStatus.CONFLICT, "signing.error.locked");
				}
			}
		}

		static void certify(PDDocument document, PDSignature signature, int permission) {
			COSDictionary params = new COSDictionary();
			params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
			params.setInt(COSName.P, permission);
			params.setName(COSName.V, "1.2");
			COSDictionary reference = new COSDictionary();
			reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
			reference.setItem(COSName.getPDFName("TransformMethod"), COSName.DOCMDP);
			reference.setItem(COSName.getPDFName("DigestMethod"), COSName.getPDFName("SHA256"));
			reference.setItem(COSName.getPDFName("TransformParams"), params);
			COSArray references = new COSArray();
			references.add(reference);
			signature.getCOSObject().setItem(COSName.getPDFName("Reference"), references);
			COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
			COSDictionary perms = new COSDictionary();
			perms.setItem(COSName.DOCMDP, signature);
			catalog.setItem(COSName.PERMS, perms);
			catalog.setNeedToBeUpdated(true);
		}

	}

}
