package fr.paraphe.validation.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.PDFRevisionWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.reports.Reports;
import fr.paraphe.validation.internal.Modification.Kind;
import fr.paraphe.validation.internal.SignatureResult.CertificateInfo;
import fr.paraphe.validation.internal.SignatureResult.Revocation;
import fr.paraphe.validation.internal.SignatureResult.Signer;

/**
 * Turns DSS's reports and the revision comparisons into Paraphe's report, and decides the strict verdict: a
 * signature DSS passes is lowered to TOTAL_FAILED / SIG_CONSTRAINTS_FAILURE when something that is not permitted
 * changed after it; a document whose signature dictionaries yield no validated signature is never a pass.
 */
final class ReportAssembler {


	/** Sub-indications that say the signature itself is broken, not only that the document changed since. */
	private static final java.util.Set<String> BROKEN = java.util.Set.of(SubIndication.HASH_FAILURE.name(),
			SubIndication.SIG_CRYPTO_FAILURE.name(), SubIndication.REVOKED.name(),
			SubIndication.NO_SIGNING_CERTIFICATE_FOUND.name());

	private final Explanations explanations;

	private final String policyName;

	ReportAssembler(Explanations explanations, String policyName) {
		this.explanations = explanations;
		this.policyName = policyName;
	}

	ValidationReport assemble(String name, byte[] bytes, Reports reports, int signatureDictionaries,
			DefaultPdfValidator.Comparisons comparisons, boolean trailingData, Instant now, Locale locale) {
		return assemble(name, bytes, reports, signatureDictionaries, comparisons, trailingData, now, locale, null);
	}

	/**
	 * @param revocation the validation's revocation session: the signing certificates' current status is asked of
	 * it; null to rely on the data inside the document only
	 */
	ValidationReport assemble(String name, byte[] bytes, Reports reports, int signatureDictionaries,
			DefaultPdfValidator.Comparisons comparisons, boolean trailingData, Instant now, Locale locale,
			OnlineRevocation.Session revocation) {
		List<SignatureResult> signatures = new ArrayList<>();
		List<TimestampResult> documentTimestamps = new ArrayList<>();
		if (reports != null) {
			DiagnosticData diagnostic = reports.getDiagnosticData();
			SimpleReport simple = reports.getSimpleReport();
			List<SignatureWrapper> found = diagnostic.getSignatures();
			long lastEnd = found.stream()
				.map(signature -> byteRange(signature.getPDFRevision()))
				.filter(range -> range != null)
				.mapToLong(range -> range[2] + range[3])
				.max()
				.orElse(0);
			for (SignatureWrapper signature : found) {
				signatures.add(signature(signature, simple, comparisons, bytes.length, trailingData, lastEnd, revocation));
			}
			for (TimestampWrapper timestamp : diagnostic.getTimestampList()) {
				if (timestamp.getType() != null && timestamp.getType().isDocumentTimestamp()) {
					documentTimestamps.add(timestamp(timestamp, simple));
				}
			}
		}
		Verdict verdict = verdict(signatures, documentTimestamps, signatureDictionaries);
		boolean valid = verdict == Verdict.VALID;
		List<fr.paraphe.validation.internal.OnlineCheck> checks = revocation == null ? List.of() : revocation.checks();
		String explanation = explanations.explain(verdict, signatures,
				signatureDictionaries > signatures.size() + documentTimestamps.size(), checks, locale);
		return new ValidationReport(name, fr.paraphe.shared.Sha256.hex(bytes), now, verdict, valid, explanation,
				List.copyOf(signatures), List.copyOf(documentTimestamps), policyName, checks);
	}

	static Verdict verdict(List<SignatureResult> signatures, List<TimestampResult> documentTimestamps,
			int signatureDictionaries) {
		if (signatures.isEmpty()) {
			// Signature dictionaries that yield no validated signature: a failure, never a pass (and never "no
			// signature", which would hide the attempt).
			return signatureDictionaries > 0 || !documentTimestamps.isEmpty() ? Verdict.INVALID : Verdict.NO_SIGNATURE;
		}
		// Every signature dictionary must yield a validated signature or time-stamp: one that DSS cannot read
		// (a broken /ByteRange, a detached dictionary) may be what a reader's viewer shows.
		boolean failed = signatures.size() + documentTimestamps.size() < signatureDictionaries;
		boolean modified = false;
		boolean indeterminate = false;
		for (SignatureResult signature : signatures) {
			if (signature.indication() == Indication.TOTAL_FAILED) {
				if (signature.modifiedAfterSigning() && !BROKEN.contains(signature.subIndication())) {
					modified = true;
				}
				else {
					failed = true;
				}
			}
			else if (signature.indication() == Indication.INDETERMINATE) {
				indeterminate = true;
				modified |= signature.modifiedAfterSigning();
			}
		}
		for (TimestampResult timestamp : documentTimestamps) {
			failed |= timestamp.indication() == Indication.TOTAL_FAILED;
			indeterminate |= timestamp.indication() == Indication.INDETERMINATE;
		}
		if (failed) {
			return Verdict.INVALID;
		}
		if (modified) {
			return Verdict.MODIFIED;
		}
		return indeterminate ? Verdict.INDETERMINATE : Verdict.VALID;
	}

	private SignatureResult signature(SignatureWrapper signature, SimpleReport simple,
			DefaultPdfValidator.Comparisons comparisons, long length, boolean trailingData, long lastEnd,
			OnlineRevocation.Session session) {
		String id = signature.getId();
		Indication dssIndication = indication(simple.getIndication(id));
		SubIndication dssSubIndication = simple.getSubIndication(id);
		PDFRevisionWrapper revision = signature.getPDFRevision();
		long[] range = byteRange(revision);
		List<Modification> modifications = new ArrayList<>();
		if (range != null) {
			modifications.addAll(comparisons.after(range));
		}
		else {
			modifications.add(new Modification(Kind.NOT_COMPARABLE, false, List.of(), "no usable /ByteRange"));
		}
		addDssFindings(revision, modifications);
		if (trailingData && range != null && range[2] + range[3] == lastEnd) {
			modifications.add(new Modification(Kind.UNSIGNED_DATA, false, List.of(),
					"bytes after the last signed revision are not an incremental update"));
		}
		Indication indication = dssIndication;
		String subIndication = dssSubIndication == null ? null : dssSubIndication.name();
		boolean forbidden = modifications.stream().anyMatch(modification -> !modification.permitted());
		if (forbidden && indication == Indication.TOTAL_PASSED) {
			indication = Indication.TOTAL_FAILED;
			subIndication = SubIndication.SIG_CONSTRAINTS_FAILURE.name();
		}
		CertificateWrapper signingCertificate = signature.getSigningCertificate();
		Signer signer = signingCertificate == null ? null
				: new Signer(firstNonBlank(signingCertificate.getCommonName(),
						firstNonBlank(join(signingCertificate.getGivenName(), signingCertificate.getSurname()),
								Explanations.readableName(signingCertificate.getReadableCertificateName()))),
						signingCertificate.getOrganizationName(), signingCertificate.getOrganizationIdentifier());
		List<CertificateInfo> chain = signature.getCertificateChain()
			.stream()
			.map(certificate -> new CertificateInfo(Explanations.readableName(certificate.getCertificateDN()),
					Explanations.readableName(certificate.getCertificateIssuerDN()), certificate.getSerialNumber(),
					instant(certificate.getNotBefore()), instant(certificate.getNotAfter()), certificate.isTrusted()))
			.toList();
		String trustAnchor = signature.getCertificateChain()
			.stream()
			.filter(CertificateWrapper::isTrusted)
			.map(certificate -> Explanations.readableName(certificate.getCertificateDN()))
			.findFirst()
			.orElse(null);
		List<TimestampResult> timestamps = signature.getTimestampList()
			.stream()
			.map(timestamp -> timestamp(timestamp, simple))
			.toList();
		Instant proven = timestamps.stream()
			.filter(timestamp -> timestamp.indication() == Indication.TOTAL_PASSED)
			.map(TimestampResult::productionTime)
			.filter(time -> time != null)
			.min(Comparator.naturalOrder())
			.orElse(null);
		Instant claimed = instant(signature.getClaimedSigningTime());
		Revocation revocation = revocation(signingCertificate);
		OnlineRevocation.Current current = session == null ? null : current(signature, session);
		if (current != null) {
			Boolean provenBefore = null;
			if (current.revoked() && current.revokedAt() != null) {
				// ETSI EN 319 102-1 §5.6.2.4: a revocation after a proof of existence of the signature (its time-stamp)
				// leaves it valid; without such a proof it is not valid, and it is a failure when the signature is
				// shown (proven or claimed) to have been made at or after the revocation.
				provenBefore = proven != null && proven.isBefore(current.revokedAt());
				if (!provenBefore && indication != Indication.TOTAL_FAILED) {
					boolean madeAfter = proven != null || claimed != null && !claimed.isBefore(current.revokedAt());
					indication = madeAfter ? Indication.TOTAL_FAILED : Indication.INDETERMINATE;
					subIndication = madeAfter ? SubIndication.REVOKED.name() : SubIndication.REVOKED_NO_POE.name();
				}
			}
			revocation = new Revocation(current.status(), current.source(), current.producedAt(), true,
					current.revokedAt(), current.reason(), provenBefore);
		}
		return new SignatureResult(id, indication, subIndication, dssIndication, signer,
				proven != null ? proven : claimed, claimed, proven,
				simple.getSignatureFormat(id) == null ? null : simple.getSignatureFormat(id).toString(),
				revision == null ? null : revision.getReason(), chain, trustAnchor, revocation,
				timestamps, range != null && range[2] + range[3] == length, List.copyOf(modifications),
				messages(simple.getAdESValidationErrors(id)), messages(simple.getAdESValidationWarnings(id)),
				keys(simple.getAdESValidationErrors(id)), keys(simple.getAdESValidationWarnings(id)));
	}

	/** What DSS's own modification detection saw, added when Paraphe's comparison did not say the same. */
	private static void addDssFindings(PDFRevisionWrapper revision, List<Modification> modifications) {
		if (revision == null) {
			return;
		}
		List<Integer> visual = pages(revision.getPdfVisualDifferenceConcernedPages());
		if (!visual.isEmpty()) {
			// Permitted only where Paraphe's comparison found, on each of those pages, permitted changes and nothing
			// else (form filling a certification allows renders differently, and that is all it is).
			boolean explained = visual.stream()
				.allMatch(page -> modifications.stream().anyMatch(m -> m.permitted() && m.pages().contains(page))
						&& modifications.stream().noneMatch(m -> !m.permitted() && m.pages().contains(page)));
			modifications.add(new Modification(Kind.VISUAL_DIFFERENCE, explained, visual,
					"DSS: the rendered pages differ from the signed revision"
							+ (explained ? " (explained by the permitted changes listed)" : "")));
		}
		List<Integer> pageDifference = pages(revision.getPdfPageDifferenceConcernedPages());
		if (!pageDifference.isEmpty() && modifications.stream()
			.noneMatch(modification -> modification.kind() == Kind.PAGES_ADDED_OR_REMOVED)) {
			modifications.add(new Modification(Kind.PAGES_ADDED_OR_REMOVED, false, pageDifference,
					"DSS: pages added or removed"));
		}
		List<Integer> overlap = pages(revision.getPdfAnnotationsOverlapConcernedPages());
		if (!overlap.isEmpty()) {
			// DSS also reports overlaps that existed before signing: an overlap is a modification only where
			// something was added or changed on that page after signing.
			boolean changedThere = modifications.stream()
				.anyMatch(modification -> modification.kind() != Kind.DSS_DICTIONARY_ADDED
						&& modification.pages().stream().anyMatch(overlap::contains));
			modifications.add(new Modification(Kind.ANNOTATION_OVERLAP, !changedThere, overlap,
					"DSS: annotations overlap" + (changedThere ? " where the document changed after signing"
							: " (already before signing)")));
		}
		if (!revision.getPdfUndefinedChanges().isEmpty()) {
			modifications.add(new Modification(Kind.UNDEFINED_CHANGE, false, List.of(),
					"DSS: " + revision.getPdfUndefinedChanges().size() + " object change(s) of no permitted kind"));
		}
	}

	/** The signing certificate's current status, when its certificate and its issuer's are known. */
	private static OnlineRevocation.Current current(SignatureWrapper signature, OnlineRevocation.Session session) {
		List<CertificateWrapper> chain = signature.getCertificateChain();
		if (chain.size() < 2 || chain.get(0).getBinaries() == null || chain.get(1).getBinaries() == null
				|| chain.get(0).isTrusted()) {
			return null;
		}
		try {
			return session.current(certificate(chain.get(0).getBinaries()), certificate(chain.get(1).getBinaries()));
		}
		catch (java.security.cert.CertificateException | RuntimeException unreadable) {
			return null;
		}
	}

	private static java.security.cert.X509Certificate certificate(byte[] der)
			throws java.security.cert.CertificateException {
		return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
			.generateCertificate(new java.io.ByteArrayInputStream(der));
	}

	private static Revocation revocation(CertificateWrapper certificate) {
		if (certificate == null || certificate.getCertificateRevocationData().isEmpty()) {
			return new Revocation("NONE", null, null);
		}
		CertificateRevocationWrapper latest = certificate.getCertificateRevocationData()
			.stream()
			.max(Comparator.comparing(revocation -> revocation.getProductionDate() == null ? new Date(0)
					: revocation.getProductionDate()))
			.orElseThrow();
		boolean revoked = latest.getStatus() != null && latest.getStatus().isRevoked();
		return new Revocation(latest.getStatus() == null ? "UNKNOWN" : latest.getStatus().name(),
				latest.getRevocationType() + " (" + latest.getOrigin() + ")", instant(latest.getProductionDate()), false,
				revoked ? instant(latest.getRevocationDate()) : null,
				revoked && latest.getReason() != null ? latest.getReason().name() : null, null);
	}

	private static TimestampResult timestamp(TimestampWrapper timestamp, SimpleReport simple) {
		SubIndication sub = simple.getSubIndication(timestamp.getId());
		return new TimestampResult(timestamp.getId(), timestamp.getType() == null ? null : timestamp.getType().name(),
				indication(simple.getIndication(timestamp.getId())), sub == null ? null : sub.name(),
				instant(timestamp.getProductionTime()), simple.getProducedBy(timestamp.getId()));
	}

	static Indication indication(eu.europa.esig.dss.enumerations.Indication indication) {
		if (indication == null) {
			return Indication.INDETERMINATE;
		}
		return switch (indication) {
			case TOTAL_PASSED, PASSED -> Indication.TOTAL_PASSED;
			case TOTAL_FAILED, FAILED -> Indication.TOTAL_FAILED;
			default -> Indication.INDETERMINATE;
		};
	}

	private static long[] byteRange(PDFRevisionWrapper revision) {
		if (revision == null) {
			return null;
		}
		List<BigInteger> range = revision.getSignatureByteRange();
		if (range == null || range.size() != 4) {
			return null;
		}
		long[] values = new long[4];
		for (int i = 0; i < 4; i++) {
			if (range.get(i).bitLength() > 62) {
				return null;
			}
			values[i] = range.get(i).longValue();
		}
		return values;
	}

	private static List<Integer> pages(List<BigInteger> pages) {
		return pages == null ? List.of() : pages.stream().map(BigInteger::intValue).toList();
	}

	private static List<String> messages(List<Message> messages) {
		return messages == null ? List.of() : messages.stream().map(Message::getValue).distinct().toList();
	}

	private static List<String> keys(List<Message> messages) {
		if (messages == null) {
			return List.of();
		}
		// One key per distinct message, in the order of messages(): the page translates by key.
		java.util.Map<String, String> byValue = new java.util.LinkedHashMap<>();
		for (Message message : messages) {
			byValue.putIfAbsent(message.getValue(), message.getKey());
		}
		return List.copyOf(byValue.values());
	}

	private static String join(String given, String surname) {
		if (given == null || given.isBlank() || surname == null || surname.isBlank()) {
			return null;
		}
		return given + " " + surname;
	}

	private static Instant instant(Date date) {
		return date == null ? null : date.toInstant();
	}

	private static String firstNonBlank(String first, String second) {
		return first != null && !first.isBlank() ? first : second;
	}

}
