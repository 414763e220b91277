package fr.paraphe.collection.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a preparer gives for a draft (the page's form or the API's {@code collection} JSON).
 *
 * @param deadline null for the default, {@code paraphe.collection.default-deadline} after the launch
 * @param reminderDays null for the default (3, 7: then every 7 days), empty for none
 * @param signers one or more, in order
 * @param copies recipients in copy (null or empty for none): they receive the signed documents, never sign
 */
public record DraftRequest(String title, String message, Instant deadline, SigningOrder order,
		List<Integer> reminderDays, Boolean seal, List<NewSigner> signers, List<Copy> copies) {

	/** A draft without recipients in copy. */
	public DraftRequest(String title, String message, Instant deadline, SigningOrder order, List<Integer> reminderDays,
			Boolean seal, List<NewSigner> signers) {
		this(title, message, deadline, order, reminderDays, seal, signers, null);
	}

	/** A recipient in copy (e.g. the client's lawyer): a name and an e-mail address. */
	public record Copy(String name, String email) {
	}

	/**
	 * A signer to add.
	 * @param kind CLIENT (civility, names, e-mail and/or mobile) or MEMBER ({@code userId} of a member of the firm)
	 * @param step the group, for {@link SigningOrder#GROUPS}; ignored otherwise
	 * @param channel null: by e-mail if there is an address, otherwise by SMS
	 * @param options initials, mention, "Fait à", documents to provide; null for none
	 */
	public record NewSigner(SignerKind kind, String civility, String givenName, String surname, String email,
			String phone, UUID userId, Channel channel, Integer step, List<Place> places, SignerOptions options) {

		public NewSigner(SignerKind kind, String civility, String givenName, String surname, String email,
				String phone, UUID userId, Channel channel, Integer step, List<Place> places) {
			this(kind, civility, givenName, surname, email, phone, userId, channel, step, places, null);
		}

	}

}
