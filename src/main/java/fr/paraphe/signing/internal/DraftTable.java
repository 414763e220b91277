package fr.paraphe.signing.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.shared.UserId;

/** What {@link fr.paraphe.signing.Drafts} needs of a table of uploaded PDFs: a user's document, and the purge. */
public interface DraftTable {

	/** The PDF of this user's draft; empty for another user's or an unknown one. */
	Optional<byte[]> document(UserId user, UUID id);

	/** Deletes the drafts created before {@code limit}; returns how many. */
	int deleteCreatedBefore(Instant limit);

}
