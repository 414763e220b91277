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

import fr.paraphe.validation.Indication;
import fr.paraphe.validation.Modification;
import fr.paraphe.validation.SignatureResult;
import fr.paraphe.validation.Verdict;

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
		}
		sentences.add(text("validation.explain.conclusion." + verdict.name(), locale));
		return String.join(" ", sentences);
	}

	private String sentence(SignatureResult signature, Locale locale) {
		String who = signature.signer() == null || signature.signer().name() == null
				? text("validation.explain.unknownSigner", locale)
				: signature.signer().organisation() == null ? signature.signer().name()
						: signature.signer().name() + " (" + signature.signer().organisation() + ")";
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
		String reason = signature.subIndication() == null ? null
				: messages.getMessage("validation.subIndication." + signature.subIndication(), null, null, locale);
		if (reason == null) {
			reason = text("validation.subIndication.other", locale);
		}
		return signed + " "
				+ message(signature.indication() == Indication.TOTAL_FAILED ? "validation.explain.failed"
						: "validation.explain.indeterminate", locale, reason);
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	private String message(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}

}
