package fr.paraphe.collection.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

/**
 * A collection as its firm sees it: never a signer's link or code.
 *
 * @param deadline when it expires; null on a draft that takes the default at launch
 * @param reminderDays days after the invitation when a reminder goes, the last one repeated; empty for none
 * @param comment the launcher's comment when sent back, or the reason of a cancellation
 * @param copies the recipients in copy, who receive the signed documents without signing
 */
public record Collection(UUID id, FirmId firm, String title, String message, CollectionStatus status,
		SigningOrder order, Instant deadline, List<Integer> reminderDays, boolean seal, UserId preparedBy,
		UserId launchedBy, String comment, Instant createdAt, Instant launchedAt, Instant endedAt,
		boolean documentsPurged, List<Document> documents, List<Signer> signers, List<DraftRequest.Copy> copies) {

	/** A document of the collection, with its current version's SHA-256. */
	public record Document(int number, String fileName, int version, String sha256) {
	}

	/**
	 * A signer.
	 * @param step for {@link SigningOrder#GROUPS}, the signer's group (1, 2...); otherwise their position
	 * @param userId for a firm member, their user; null for a client
	 */
	public record Signer(UUID id, int position, int step, SignerKind kind, String civility, String givenName,
			String surname, String email, String phone, UserId userId, Channel channel, SignerStatus status,
			Instant invitedAt, Instant remindedAt, Instant finishedAt, String declineReason, List<Place> places) {

		/** "Mme Marie Curie", as typed by the firm (or the member's name). */
		public String displayName() {
			StringBuilder name = new StringBuilder();
			if (civility != null && !civility.isBlank()) {
				name.append(civility).append(' ');
			}
			if (givenName != null) {
				name.append(givenName).append(' ');
			}
			if (surname != null) {
				name.append(surname);
			}
			return name.toString().strip();
		}

	}

	/** How many signers signed. */
	public long signedCount() {
		return signers.stream().filter(signer -> signer.status() == SignerStatus.SIGNED).count();
	}

}
