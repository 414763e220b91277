package fr.paraphe.validation.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;


import org.springframework.context.MessageSource;

/**
 * The report in plain words for a non-specialist, French by default: who signed and when, whether the document
 * changed since, whether the certificate was valid. Texts come from the message bundle
 * ({@code validation.explain.*}).
 */
public class Explanations {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final MessageSource messages;

	public Explanations(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * @param unverifiedSignatures whether the file holds signature dictionaries that yielded no validated signature
	 */
	String explain(Verdict verdict, List<SignatureResult> signatures, boolean unverifiedSignatures, Locale locale) {
		return explain(verdict, signatures, unverifiedSignatures, List.of(), locale);
	}

	/** @param checks the revocation data fetched or refused over HTTP */
	String explain(Verdict verdict, List<SignatureResult> signatures, boolean unverifiedSignatures,
			List<OnlineCheck> checks, Locale locale) {
		if (verdict == Verdict.NO_SIGNATURE) {
			return text("validation.explain.none", locale);
		}
		List<String> sentences = new ArrayList<>();
		if (unverifiedSignatures) {
			sentences.add(text(signatures.isEmpty() ? "validation.explain.unverifiable"
					: "validation.explain.someUnverifiable", locale));
		}
		for (SignatureResult signature : signatures) {
			sentences.add(sentence(signature, locale));
			String revoked = revocation(signature, locale);
			if (revoked != null) {
				sentences.add(revoked);
			}
		}
		for (OnlineCheck check : checks) {
			if (!check.answered()) {
				sentences.add(onlineCheck(check, locale));
			}
		}
		sentences.add(text("validation.explain.conclusion." + verdict.name(), locale));
		return String.join(" ", sentences);
	}

	private String sentence(SignatureResult signature, Locale locale) {
		String who = signature.signer() == null || signature.signer().name() == null
				? text("validation.explain.unknownSigner", locale)
				: signature.signer().firm() == null ? signature.signer().name()
						: signature.signer().name() + " (" + signature.signer().firm() + ")";
		Instant time = signature.provenSigningTime() != null ? signature.provenSigningTime()
				: signature.claimedSigningTime();
		String when = time == null ? text("validation.explain.unknownTime", locale)
				: DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
					.withLocale(locale)
					.withZone(PARIS)
					.format(time);
		String signed = message("validation.explain.signedBy", locale, who, when);
		if (signature.indication() == Indication.TOTAL_PASSED) {
			Set<String> permitted = new LinkedHashSet<>();
			for (Modification modification : signature.modifications()) {
				if (modification.permitted() && modification.kind() != Modification.Kind.ANNOTATION_OVERLAP
						&& modification.kind() != Modification.Kind.VISUAL_DIFFERENCE) {
					permitted.add(text("validation.modification." + modification.kind().name(), locale));
				}
			}
			String since = permitted.isEmpty() ? text("validation.explain.intact", locale)
					: message("validation.explain.onlyPermitted", locale, String.join(", ", permitted));
			return signed + " " + since + " " + text("validation.explain.certificateValid", locale);
		}
		if (signature.modifiedAfterSigning()) {
			Set<String> what = new LinkedHashSet<>();
			for (Modification modification : signature.modifications()) {
				if (!modification.permitted()) {
					// The page says where to look: "... recouvre le contenu signé (page 1)".
					String label = text("validation.modification." + modification.kind().name(), locale);
					what.add(modification.pages().isEmpty() ? label
							: label + " " + message("validation.page.pages", locale, String.join(", ",
									modification.pages().stream().map(String::valueOf).toList())));
				}
			}
			return signed + " " + message("validation.explain.modified", locale, String.join(", ", what));
		}
		return signed + " "
				+ message(signature.indication() == Indication.TOTAL_FAILED ? "validation.explain.failed"
						: "validation.explain.indeterminate", locale, reason(signature, locale));
	}

	/** Why a signature is not valid, in a few words (a sub-indication of ETSI EN 319 102-1 in plain language). */
	public String reason(SignatureResult signature, Locale locale) {
		if (signature.indication() == Indication.TOTAL_PASSED) {
			return null;
		}
		if (signature.modifiedAfterSigning()) {
			Set<String> what = new LinkedHashSet<>();
			for (Modification modification : signature.modifications()) {
				if (!modification.permitted()) {
					what.add(text("validation.modification." + modification.kind().name(), locale));
				}
			}
			return message("validation.explain.modifiedReason", locale, String.join(", ", what));
		}
		String reason = signature.subIndication() == null ? null
				: messages.getMessage("validation.subIndication." + signature.subIndication(), null, null, locale);
		return reason != null ? reason : text("validation.subIndication.other", locale);
	}

	/** valide, non valide or indéterminée. */
	public String status(SignatureResult signature, Locale locale) {
		return text("validation.indication." + signature.indication().name(), locale);
	}

	/**
	 * What is known of the signing certificate's revocation, in a sentence (ETSI EN 319 102-1 §5.6.2.4): revoked
	 * when, why, and whether a time-stamp proves the signature existed before; null when it is not revoked.
	 */
	public String revocation(SignatureResult signature, Locale locale) {
		SignatureResult.Revocation revocation = signature.revocation();
		if (revocation == null || !"REVOKED".equals(revocation.status())) {
			return null;
		}
		String when = revocation.revokedAt() == null ? text("validation.explain.unknownTime", locale)
				: time(revocation.revokedAt(), locale);
		String why = revocation.reason() == null ? ""
				: " (" + messages.getMessage("validation.revocationReason." + revocation.reason(), null,
						text("validation.revocationReason.UNSPECIFIED", locale), locale) + ")";
		String key = Boolean.TRUE.equals(revocation.provenBeforeRevocation()) ? "validation.revocation.afterTimestamp"
				: signature.provenSigningTime() != null
						|| signature.indication() == Indication.TOTAL_FAILED ? "validation.revocation.beforeSignature"
								: "validation.revocation.noProof";
		return message(key, locale, when, why);
	}

	/** The signing certificate's revocation status in a sentence, whatever it is. */
	public String revocationStatus(SignatureResult signature, Locale locale) {
		String revoked = revocation(signature, locale);
		if (revoked != null) {
			return revoked;
		}
		SignatureResult.Revocation revocation = signature.revocation();
		if (revocation == null || "NONE".equals(revocation.status()) || "UNKNOWN".equals(revocation.status())) {
			return text("validation.revocation.none", locale);
		}
		if (!revocation.checkedNow()) {
			return text("validation.revocation.document", locale);
		}
		String source = "PARAPHE_CA".equals(revocation.source()) ? text("validation.revocation.source.PARAPHE_CA", locale)
				: text("validation.revocation.source.online", locale);
		return message("validation.revocation.good", locale,
				revocation.producedAt() == null ? text("validation.explain.unknownTime", locale)
						: time(revocation.producedAt(), locale), source);
	}

	/** The common name of a distinguished name, else the whole name made readable. */
	public String commonName(String distinguishedName) {
		String readable = readableName(distinguishedName);
		if (readable == null) {
			return null;
		}
		for (String part : readable.split(", ")) {
			if (part.startsWith("CN=")) {
				return part.substring(3);
			}
		}
		return readable;
	}

	/** A time in the reader's language, Paris time. */
	public String formatTime(Instant instant, Locale locale) {
		return instant == null ? "—" : time(instant, locale);
	}

	/** One fetch of revocation data that was refused or failed, in a sentence. */
	public String onlineCheck(OnlineCheck check, Locale locale) {
		return message("validation.onlineCheck." + check.outcome(), locale, check.kind(), check.url());
	}

	/** The signer's name, never an X.500 string: the certificate's common name, else given name and surname. */
	public String signer(SignatureResult signature, Locale locale) {
		return signature.signer() == null || signature.signer().name() == null
				? text("validation.explain.unknownSigner", locale) : signature.signer().name();
	}

	/** The level in words: "signature avancée avec horodatage…". */
	public String level(SignatureResult signature, Locale locale) {
		String level = signature.level() == null ? "" : signature.level();
		String key = switch (level) {
			case "PAdES-BASELINE-B" -> "B";
			case "PAdES-BASELINE-T" -> "T";
			case "PAdES-BASELINE-LT" -> "LT";
			case "PAdES-BASELINE-LTA" -> "LTA";
			default -> "other";
		};
		return text("validation.level." + key, locale);
	}

	/** When it was signed, with the proof of time (a time-stamp) or the warning that the time is only claimed. */
	public String when(SignatureResult signature, Locale locale) {
		if (signature.provenSigningTime() != null) {
			String unit = signature.timestamps()
				.stream()
				.filter(timestamp -> signature.provenSigningTime().equals(timestamp.productionTime()))
				.map(TimestampResult::producedBy)
				.filter(name -> name != null && !name.isBlank())
				.findFirst()
				.orElse(null);
			return unit == null ? message("validation.when.proven", locale, time(signature.provenSigningTime(), locale))
					: message("validation.when.provenBy", locale, time(signature.provenSigningTime(), locale),
							readableName(unit));
		}
		if (signature.claimedSigningTime() != null) {
			return message("validation.when.claimed", locale, time(signature.claimedSigningTime(), locale));
		}
		return text("validation.when.unknown", locale);
	}

	/** What changed after signing, in words, with the pages; the permitted additions marked as such. */
	public List<String> changes(SignatureResult signature, Locale locale) {
		List<String> changes = new ArrayList<>();
		for (Modification modification : signature.modifications()) {
			String what = text("validation.modification." + modification.kind().name(), locale);
			if (!modification.pages().isEmpty()) {
				what += " " + message("validation.page.pages", locale, String.join(", ",
						modification.pages().stream().map(String::valueOf).toList()));
			}
			changes.add(what + " : " + text(modification.permitted() ? "validation.page.permitted"
					: "validation.page.forbidden", locale));
		}
		return changes;
	}

	/** A DSS message (English) in the reader's language when it is known by its key, else the message itself. */
	public String dssMessage(String key, String english, Locale locale) {
		String known = key == null ? null : messages.getMessage("validation.dss." + key, null, null, locale);
		return known != null ? known : message("validation.dss.unknown", locale, key == null ? english : key);
	}

	/**
	 * A distinguished name as a person reads it: "CN=…, O=…, organizationIdentifier=NTRFR-…", the attributes DSS
	 * leaves as hexadecimal DER (2.5.4.97=#0c0f…) decoded.
	 */
	public static String readableName(String distinguishedName) {
		if (distinguishedName == null) {
			return null;
		}
		try {
			org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name(
					org.bouncycastle.asn1.x500.style.RFC4519Style.INSTANCE, distinguishedName);
			List<String> parts = new ArrayList<>();
			for (org.bouncycastle.asn1.x500.RDN rdn : name.getRDNs()) {
				for (org.bouncycastle.asn1.x500.AttributeTypeAndValue value : rdn.getTypesAndValues()) {
					String label = LABELS.getOrDefault(value.getType().getId(), value.getType().getId());
					parts.add(label + "=" + org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(value.getValue())
						.replace("\\", ""));
				}
			}
			return String.join(", ", parts);
		}
		catch (RuntimeException unreadable) {
			return distinguishedName;
		}
	}

	private static final java.util.Map<String, String> LABELS = java.util.Map.ofEntries(
			java.util.Map.entry("2.5.4.3", "CN"), java.util.Map.entry("2.5.4.6", "C"), java.util.Map.entry("2.5.4.7", "L"),
			java.util.Map.entry("2.5.4.8", "ST"), java.util.Map.entry("2.5.4.10", "O"),
			java.util.Map.entry("2.5.4.11", "OU"), java.util.Map.entry("2.5.4.4", "SN"),
			java.util.Map.entry("2.5.4.42", "GIVENNAME"), java.util.Map.entry("2.5.4.5", "SERIALNUMBER"),
			java.util.Map.entry("2.5.4.97", "organizationIdentifier"), java.util.Map.entry("2.5.4.9", "STREET"),
			java.util.Map.entry("1.2.840.113549.1.9.1", "E"));

	private static String time(Instant instant, Locale locale) {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
			.withLocale(locale)
			.withZone(PARIS)
			.format(instant);
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	private String message(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}

}
