package fr.paraphe.collection.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import fr.paraphe.shared.Names;
import fr.paraphe.shared.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * What French signers are used to, per signer, set by the preparer: initials on every page ("parapher chaque
 * page"), a mention to type ("Lu et approuvé"), "Fait à …, le …" (the city typed by the signer, the signing date);
 * all drawn into the documents in that signer's own signature. And the documents the signer must provide while
 * signing (pièces justificatives).
 *
 * @param initials the signer's initials on every page's margin
 * @param mention the text the signer must type, as written in the document (null for none)
 * @param placeAndDate "Fait à …, le …" in the signer's boxes
 * @param attachments what the signer must provide before signing
 */
public record SignerOptions(Boolean initials, String mention, Boolean placeAndDate,
		List<AttachmentRequest> attachments) {

	/** At most so many documents asked of one signer. */
	public static final int MAX_ATTACHMENTS = 5;

	public static final SignerOptions NONE = new SignerOptions(false, null, false, List.of());

	public SignerOptions {
		initials = Boolean.TRUE.equals(initials);
		placeAndDate = Boolean.TRUE.equals(placeAndDate);
		mention = mention == null || mention.isBlank() ? null : mention.strip();
		attachments = attachments == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(attachments));
	}

	/** The file types a signer may be asked for, checked by their first bytes. */
	public enum FileType {

		PDF("application/pdf", "pdf"), JPEG("image/jpeg", "jpg"), PNG("image/png", "png");

		private final String mediaType;

		private final String extension;

		FileType(String mediaType, String extension) {
			this.mediaType = mediaType;
			this.extension = extension;
		}

		public String mediaType() {
			return mediaType;
		}

		public String extension() {
			return extension;
		}

		/** The type these first bytes show, or null: what the file really is, whatever its name says. */
		public static FileType sniff(byte[] head) {
			if (startsWith(head, new int[] { '%', 'P', 'D', 'F', '-' })) {
				return PDF;
			}
			if (startsWith(head, new int[] { 0xFF, 0xD8, 0xFF })) {
				return JPEG;
			}
			if (startsWith(head, new int[] { 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A })) {
				return PNG;
			}
			return null;
		}

		private static boolean startsWith(byte[] head, int[] magic) {
			if (head == null || head.length < magic.length) {
				return false;
			}
			for (int i = 0; i < magic.length; i++) {
				if ((head[i] & 0xFF) != magic[i]) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * A document to provide.
	 * @param label what it is ("Pièce d'identité", "RIB")
	 * @param types what is accepted (PDF, JPEG, PNG); empty for all three
	 */
	public record AttachmentRequest(String label, List<FileType> types) {

		public AttachmentRequest {
			// a null (a JSON null in the list) is kept for checked() to refuse with the signer's number
			types = types == null || types.isEmpty() ? List.of(FileType.values())
					: java.util.Collections.unmodifiableList(new ArrayList<>(new java.util.LinkedHashSet<>(types)));
		}

	}

	/** Whether anything is asked of the signer beyond signing. */
	public boolean any() {
		return initials || mention != null || placeAndDate || !attachments.isEmpty();
	}

	/** The documents asked, as the preparation form writes them: one per line, "Label : PDF, JPEG". */
	public String attachmentsText() {
		return String.join("\n", attachments.stream()
			.map(asked -> asked.label() + " : " + String.join(", ", asked.types().stream().map(Enum::name).toList()))
			.toList());
	}

	/**
	 * The options of the signer at {@code position}, checked.
	 * @throws ProblemException 400 {@code collection.error.mention} (a mention longer than 100 characters, or
	 * without a word), {@code collection.error.attachments} (more than {@link #MAX_ATTACHMENTS}, a label missing or
	 * longer than 80 characters)
	 */
	static SignerOptions checked(SignerOptions given, int position) {
		if (given == null) {
			return NONE;
		}
		String mention;
		try {
			mention = Names.text(given.mention(), 100);
		}
		catch (Names.InvalidText invalid) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.mention", position);
		}
		if (mention != null && words(mention).isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.mention", position);
		}
		if (given.attachments().size() > MAX_ATTACHMENTS) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.attachments", position);
		}
		List<AttachmentRequest> attachments = new ArrayList<>();
		for (AttachmentRequest request : given.attachments()) {
			String label;
			try {
				label = request == null ? null : Names.text(request.label(), 80);
			}
			catch (Names.InvalidText invalid) {
				label = null;
			}
			if (label == null || request.types().contains(null)) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.attachments", position);
			}
			attachments.add(new AttachmentRequest(label, request.types()));
		}
		return new SignerOptions(given.initials(), mention, given.placeAndDate(), attachments);
	}

	/**
	 * Whether {@code typed} says {@code expected}: the same words in the same order; case, accents, punctuation and
	 * spaces do not matter ("lu et approuve" for "Lu et approuvé"), a missing or different word does.
	 */
	public static boolean sameWords(String expected, String typed) {
		return typed != null && !words(expected).isEmpty() && words(expected).equals(words(typed));
	}

	private static List<String> words(String text) {
		String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
			.replaceAll("\\p{M}+", "")
			.toLowerCase(Locale.ROOT)
			.replace('’', '\'');
		List<String> words = new ArrayList<>();
		for (String word : plain.split("[^\\p{L}\\p{N}]+")) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return words;
	}

}
