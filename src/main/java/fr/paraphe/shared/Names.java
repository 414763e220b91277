package fr.paraphe.shared;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.http.HttpStatus;

/**
 * The one rule for names and short texts that other people read (a firm's or a person's name, a signature's
 * reason, a key's label): they reach e-mail subjects, receipts, pages and PDFs, so none may carry a line break
 * (header injection), a control or invisible character, or a bidirectional override or embedding that shows
 * "DGFiP" while storing something else (Unicode TR #36 §2.1; CVE-2021-42574). Names also may not mix scripts
 * ("Clаire" with a Cyrillic а passes for "Claire": Unicode TS #39 §5.1, "single script").
 * <p>
 * Text is first put in Unicode normalization form C, so a decomposed "é" (e + U+0301, as macOS and some
 * keyboards send it) is accepted and stored as the single character; lengths count code points after that.
 */
public final class Names {

	/** What is wrong with a text. */
	public enum Fault {

		TOO_LONG, CONTROL, BIDI, MIXED_SCRIPTS

	}

	/** Several scripts used together by one writing system count as one (Japanese, Korean). */
	private static final Set<UnicodeScript> HAN_FAMILY = EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA,
			UnicodeScript.KATAKANA, UnicodeScript.HANGUL, UnicodeScript.BOPOMOFO);

	private Names() {
	}

	/**
	 * A person's or an organization's name, cleaned.
	 * @return the name in NFC, stripped, each run of spaces made one space; null for null or blank
	 * @throws InvalidText (400) beyond {@code maxLength} code points, with a control, invisible or bidirectional
	 * formatting character, or with letters of more than one script
	 */
	public static String name(String raw, int maxLength) {
		String text = text(raw, maxLength);
		if (text != null && mixesScripts(text)) {
			throw new InvalidText(Fault.MIXED_SCRIPTS, maxLength);
		}
		return text;
	}

	/**
	 * A short free text (a reason, a label), cleaned as {@link #name} but scripts may mix.
	 * @throws InvalidText (400) as {@link #name}, except for scripts
	 */
	public static String text(String raw, int maxLength) {
		if (raw == null) {
			return null;
		}
		String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
		Fault fault = characterFault(text);
		if (fault != null) {
			throw new InvalidText(fault, maxLength);
		}
		text = text.replaceAll("(?U)\\s+", " ").strip();
		if (text.isEmpty()) {
			return null;
		}
		if (text.codePointCount(0, text.length()) > maxLength) {
			throw new InvalidText(Fault.TOO_LONG, maxLength);
		}
		return text;
	}

	/** Whether {@link #text} would accept {@code raw} (ignoring length). */
	public static boolean isClean(String raw) {
		return raw == null || characterFault(Normalizer.normalize(raw, Normalizer.Form.NFC)) == null;
	}

	/** Whether the letters of {@code text} belong to more than one script (common and inherited ones aside). */
	public static boolean mixesScripts(String text) {
		UnicodeScript seen = null;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (!Character.isLetter(codePoint)) {
				continue;
			}
			UnicodeScript script = UnicodeScript.of(codePoint);
			if (script == UnicodeScript.COMMON || script == UnicodeScript.INHERITED) {
				continue;
			}
			if (HAN_FAMILY.contains(script)) {
				script = UnicodeScript.HAN;
			}
			if (seen == null) {
				seen = script;
			}
			else if (seen != script) {
				return true;
			}
		}
		return false;
	}

	private static Fault characterFault(String text) {
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (isBidiControl(codePoint)) {
				return Fault.BIDI;
			}
			if (codePoint == ' ') {
				continue;
			}
			switch (Character.getType(codePoint)) {
				case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
						Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> {
					return Fault.CONTROL;
				}
				case Character.SPACE_SEPARATOR -> {
					// No-break and other spaces are fine in names; they are made plain spaces by text().
				}
				default -> {
				}
			}
		}
		return null;
	}

	/** Unicode's Bidi_Control characters: ALM, LRM, RLM, LRE…RLO, LRI…PDI. */
	private static boolean isBidiControl(int codePoint) {
		return codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
				|| (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
	}

	/** A refused text: 400, with a message of the bundle ({@code name.invalid.*}) that says why. */
	public static final class InvalidText extends ProblemException {

		private static final long serialVersionUID = 1L;

		private final Fault fault;

		public InvalidText(Fault fault, int maxLength) {
			super(HttpStatus.BAD_REQUEST, "name.invalid." + switch (fault) {
				case TOO_LONG -> "tooLong";
				case CONTROL -> "control";
				case BIDI -> "bidi";
				case MIXED_SCRIPTS -> "mixedScripts";
			}, maxLength);
			this.fault = fault;
		}

		public Fault fault() {
			return fault;
		}

	}

}
