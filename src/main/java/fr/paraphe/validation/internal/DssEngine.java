package fr.paraphe.validation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.pdf.PdfMemoryUsageSetting;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.reports.Reports;

/**
 * EU DSS as Paraphe runs it: no AIA fetching; revocation data from the document, and, when a session of
 * {@link OnlineRevocation} is given, from the platform's CA in-process and other CAs' responders over guarded HTTP;
 * the strict policy parsed once and shared, its cryptographic suites built once ({@link StrictPolicy}), DSS's
 * messages loaded once, no ETSI XML report (the JSON report is built from the diagnostic data), and PDFBox's memory
 * bounded per document. Within one validation each revision is parsed once ({@link SharedPdfReaders}); across
 * validations, the checks of a given CRL are remembered by its bytes ({@link CrlVerifications}). DSS's checks
 * themselves are all made, on the same data.
 */
public final class DssEngine {

	/** The strict policy's resource. */
	public static final String STRICT_POLICY = "/validation/paraphe-strict-policy.xml";

	private final ValidationPolicy policy;

	private final String policyName;

	public DssEngine() {
		try (InputStream in = DssEngine.class.getResourceAsStream(STRICT_POLICY)) {
			if (in == null) {
				throw new IllegalStateException(STRICT_POLICY + " is missing");
			}
			this.policy = StrictPolicy.read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.policyName = policy.getPolicyName();
	}

	public String policyName() {
		return policyName;
	}

	/**
	 * Validates {@code pdf} against {@code trustAnchors} (and {@code extraTrusted}, e.g. the EU trusted lists).
	 */
	public Reports validate(byte[] pdf, String name, Collection<X509Certificate> trustAnchors,
			CertificateSource extraTrusted, long maxMemoryBytes, long maxStorageBytes) {
		return validate(pdf, name, trustAnchors, extraTrusted, maxMemoryBytes, maxStorageBytes, length -> false);
	}

	/**
	 * @param rendersIdentically which signed revisions (by their length in bytes) Paraphe's
	 * comparison showed to render exactly as the final file: DSS does not render those to look for visual
	 * differences, since there can be none
	 */
	public Reports validate(byte[] pdf, String name, Collection<X509Certificate> trustAnchors,
			CertificateSource extraTrusted, long maxMemoryBytes, long maxStorageBytes,
			java.util.function.LongPredicate rendersIdentically) {
		return validate(pdf, name, trustAnchors, extraTrusted, maxMemoryBytes, maxStorageBytes, rendersIdentically,
				null);
	}

	/**
	 * @param revocation where DSS may look for revocation data the document lacks (the platform's CA in-process,
	 * other CAs over guarded HTTP); null: only the data inside the document
	 */
	Reports validate(byte[] pdf, String name, Collection<X509Certificate> trustAnchors,
			CertificateSource extraTrusted, long maxMemoryBytes, long maxStorageBytes,
			java.util.function.LongPredicate rendersIdentically, OnlineRevocation.Session revocation) {
		// The media type given: DSS would otherwise look it up from the name through a service loader, each time.
		PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf, name, MimeTypeEnum.PDF));
		CommonCertificateVerifier verifier = verifier(trustAnchors, extraTrusted);
		if (revocation != null) {
			verifier.setOcspSource(revocation.ocspSource());
			verifier.setCrlSource(revocation.crlSource());
			// The report asks for the signing certificate's current status itself: it needs the certificates.
			validator.setTokenExtractionStrategy(eu.europa.esig.dss.enumerations.TokenExtractionStrategy.EXTRACT_CERTIFICATES_ONLY);
		}
		validator.setCertificateVerifier(verifier);
		try (SharedPdfReaders readers = new SharedPdfReaders(2 * maxMemoryBytes); CrlVerifications.Scope crls = CrlVerifications.remembering()) {
			PdfBoxDefaultObjectFactory factory = readers.factory();
			factory.setPdfMemoryUsageSetting(PdfMemoryUsageSetting.mixed(maxMemoryBytes, maxStorageBytes));
			factory.setPdfDifferencesFinder(new KnownIdenticalRenderings(rendersIdentically));
			factory.setPdfObjectModificationsFinder(new eu.europa.esig.dss.pdf.modifications.DefaultPdfObjectModificationsFinder() {
				@Override
				public eu.europa.esig.dss.pdf.modifications.PdfObjectModifications find(
						eu.europa.esig.dss.pdf.PdfDocumentReader signedRevision,
						eu.europa.esig.dss.pdf.PdfDocumentReader finalRevision) {
					Cancellation.checkCurrent();
					if (signedRevision == finalRevision) {
						// A signature over the whole file: the same bytes, read once (SharedPdfReaders); comparing
						// them object by object with themselves can find nothing.
						return new eu.europa.esig.dss.pdf.modifications.PdfObjectModifications();
					}
					return super.find(signedRevision, finalRevision);
				}
			});
			validator.setPdfObjFactory(factory);
			validator.setEnableEtsiValidationReport(false);
			validator.setIncludeSemantics(false);
			validator.setLocale(Locale.ENGLISH);
			validator.setProcessExecutor(new EnglishMessages());
			return validator.validateDocument(policy);
		}
	}

	/**
	 * DSS's process executor, with its English messages loaded once: DSS loads them at each validation (the resource
	 * bundle's keys copied into a new set each time).
	 */
	private static final class EnglishMessages
			extends eu.europa.esig.dss.validation.executor.signature.DefaultSignatureProcessExecutor {

		private static final eu.europa.esig.dss.i18n.I18nProvider ENGLISH = new eu.europa.esig.dss.i18n.I18nProvider(
				Locale.ENGLISH);

		@Override
		public void setLocale(Locale locale) {
			if (!Locale.ENGLISH.equals(locale)) {
				throw new IllegalArgumentException("DSS's messages are read in English: " + locale);
			}
		}

		@Override
		protected eu.europa.esig.dss.i18n.I18nProvider getI18nProvider() {
			return ENGLISH;
		}

	}

	/** DSS's differences finder, without rendering revisions already shown to render identically. */
	private static final class KnownIdenticalRenderings
			extends eu.europa.esig.dss.pdf.modifications.DefaultPdfDifferencesFinder {

		private final java.util.function.LongPredicate rendersIdentically;

		private final java.util.Map<eu.europa.esig.dss.pdf.PdfDocumentReader, java.util.List<eu.europa.esig.dss.pdf.modifications.PdfModification>> annotationOverlaps = new java.util.IdentityHashMap<>();

		KnownIdenticalRenderings(java.util.function.LongPredicate rendersIdentically) {
			this.rendersIdentically = rendersIdentically;
		}

		@Override
		public java.util.List<eu.europa.esig.dss.pdf.modifications.PdfModification> getVisualDifferences(
				eu.europa.esig.dss.pdf.PdfDocumentReader signedRevision,
				eu.europa.esig.dss.pdf.PdfDocumentReader finalRevision) {
			Cancellation.checkCurrent();
			if (signedRevision == finalRevision) {
				return java.util.List.of();
			}
			if (signedRevision instanceof SharedPdfReaders.Shared reader
					&& rendersIdentically.test(reader.length())) {
				return java.util.List.of();
			}
			// Rendering page after page is DSS's longest loop: each page checks the validation's deadline.
			return super.getVisualDifferences(cancellable(signedRevision), cancellable(finalRevision));
		}

		@Override
		public java.util.List<eu.europa.esig.dss.pdf.modifications.PdfModification> getAnnotationOverlaps(
				eu.europa.esig.dss.pdf.PdfDocumentReader reader) {
			Cancellation.checkCurrent();
			// DSS asks again for every signature, of the same final file: its answer is the same each time.
			return new java.util.ArrayList<>(annotationOverlaps.computeIfAbsent(reader,
					key -> super.getAnnotationOverlaps(cancellable(key))));
		}

		@Override
		public java.util.List<eu.europa.esig.dss.pdf.modifications.PdfModification> getPagesDifferences(
				eu.europa.esig.dss.pdf.PdfDocumentReader signedRevision,
				eu.europa.esig.dss.pdf.PdfDocumentReader finalRevision) {
			Cancellation.checkCurrent();
			return super.getPagesDifferences(signedRevision, finalRevision);
		}

		/** The reader, checking the running validation's deadline before each call. */
		private static eu.europa.esig.dss.pdf.PdfDocumentReader cancellable(
				eu.europa.esig.dss.pdf.PdfDocumentReader reader) {
			return (eu.europa.esig.dss.pdf.PdfDocumentReader) java.lang.reflect.Proxy.newProxyInstance(
					DssEngine.class.getClassLoader(), new Class<?>[] { eu.europa.esig.dss.pdf.PdfDocumentReader.class },
					(proxy, method, arguments) -> {
						Cancellation.checkCurrent();
						try {
							return method.invoke(reader, arguments);
						}
						catch (java.lang.reflect.InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

	/** A verifier that fetches nothing and trusts exactly the given anchors. */
	public static CommonCertificateVerifier verifier(Collection<X509Certificate> trustAnchors,
			CertificateSource extraTrusted) {
		CommonCertificateVerifier verifier = new CommonCertificateVerifier();
		verifier.setAIASource(null);
		verifier.setCrlSource(null);
		verifier.setOcspSource(null);
		CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
		for (X509Certificate anchor : trustAnchors) {
			trusted.addCertificate(new CertificateToken(anchor));
		}
		verifier.setTrustedCertSources(trusted);
		if (extraTrusted != null) {
			verifier.addTrustedCertSources(extraTrusted);
		}
		verifier.setAlertOnInvalidSignature(new SilentOnStatusAlert());
		verifier.setAlertOnInvalidTimestamp(new SilentOnStatusAlert());
		verifier.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
		verifier.setAlertOnUncoveredPOE(new SilentOnStatusAlert());
		verifier.setAlertOnRevokedCertificate(new SilentOnStatusAlert());
		verifier.setAlertOnNoRevocationAfterBestSignatureTime(new SilentOnStatusAlert());
		verifier.setAlertOnExpiredCertificate(new SilentOnStatusAlert());
		verifier.setAlertOnNotYetValidCertificate(new SilentOnStatusAlert());
		return verifier;
	}

}
