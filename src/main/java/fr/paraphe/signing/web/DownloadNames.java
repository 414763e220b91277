package fr.paraphe.signing.web;

import java.util.Locale;

/** The name of a PDF sent back: the uploaded file's name, without folders or ".pdf", plus a suffix. */
final class DownloadNames {

	private DownloadNames() {
	}

	/** An uploaded file's name without its folders and ".pdf", for the name of what is sent back. */
	static String base(String original) {
		String name = original == null ? "" : original.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).strip();
		if (name.isEmpty() || name.chars().anyMatch(Character::isISOControl)) {
			name = "document.pdf";
		}
		String base = name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name.substring(0, name.length() - 4) : name;
		return base.isEmpty() ? "document" : base;
	}

}
