package fr.paraphe.pades;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

import fr.paraphe.pades.internal.PdfBoxPadesSigner;
import fr.paraphe.pki.KeyStore;

/**
 * Signs PDFs (PAdES, SubFilter ETSI.CAdES.detached, SHA-256) and extends signed PDFs to a higher level. Each
 * signature, DSS dictionary and document time-stamp is its own incremental update, so earlier signatures stay
 * valid. The private key never leaves the key store: only the digest of the signed attributes goes to it.
 * <p>
 * Input problems throw {@link fr.paraphe.shared.ProblemException}: 413 {@code signing.error.tooLarge}, 415
 * {@code signing.error.notPdf}, 400 {@code signing.error.encrypted} / {@code signing.error.damaged}, 409
 * {@code signing.error.locked} (DocMDP P=1). Nothing is written to {@code out} unless signing succeeded.
 */
public interface PadesSigner {

	/**
	 * Whether {@code head} (a file's first bytes) starts with "%PDF-" at byte 0. ISO 32000 lets readers find the
	 * header within the first kilobyte, but a file with bytes before it is a polyglot (an HTML page with a PDF
	 * after it): the engine neither signs nor seals one.
	 */
	static boolean startsWithPdfHeader(byte[] head) {
		byte[] header = { '%', 'P', 'D', 'F', '-' };
		return head.length >= header.length && java.util.Arrays.equals(head, 0, header.length, header, 0, header.length);
	}

	/** Signs the PDF at {@code pdf} and writes the signed PDF to {@code out}. Streams: memory stays bounded. */
	void sign(Path pdf, OutputStream out, SigningKey key, SignatureParameters parameters);

	/** Signs a PDF held in memory. */
	byte[] sign(byte[] pdf, SigningKey key, SignatureParameters parameters);

	/**
	 * Raises every signature of a signed PDF to {@code level}: a document time-stamp for B-T, a DSS dictionary for
	 * B-LT, a DSS dictionary then a document time-stamp for B-LTA. A level already reached adds nothing.
	 */
	byte[] extend(byte[] pdf, SignatureLevel level);

	/**
	 * The engine, with the sources it takes time-stamps and validation data from.
	 * @param keyStore where the signers' keys are; only digests go to it
	 * @param maxSize the largest PDF accepted, in bytes (413 above)
	 * @param clock the claimed signing time (/M) when the parameters give none
	 */
	static PadesSigner create(KeyStore keyStore, TspSource tsp, ValidationDataSources validationData, long maxSize,
			Clock clock) {
		return new PdfBoxPadesSigner(keyStore, tsp, validationData, maxSize, clock);
	}

	/**
	 * As {@link #create(KeyStore, TspSource, ValidationDataSources, long, Clock)}, with the directory where large
	 * documents and PDFBox's caches go while they are signed (the application's own temporary directory).
	 */
	static PadesSigner create(KeyStore keyStore, TspSource tsp, ValidationDataSources validationData, long maxSize,
			Clock clock, Path temporaryDirectory) {
		return new PdfBoxPadesSigner(keyStore, tsp, validationData, maxSize, clock, temporaryDirectory);
	}

	/** The sources of the validation data of B-LT and B-LTA. */
	record ValidationDataSources(CertificateSource certificates, CrlSource crls, OcspSource ocsp, OtherCaSource others) {

		public ValidationDataSources {
			Objects.requireNonNull(certificates, "certificates");
			Objects.requireNonNull(crls, "crls");
			Objects.requireNonNull(ocsp, "ocsp");
			others = others == null ? OtherCaSource.NONE : others;
		}

		/** Without revocation data for other CAs' certificates. */
		public ValidationDataSources(CertificateSource certificates, CrlSource crls, OcspSource ocsp) {
			this(certificates, crls, ocsp, OtherCaSource.NONE);
		}

	}

}
