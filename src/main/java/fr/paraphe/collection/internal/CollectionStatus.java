package fr.paraphe.collection.internal;

import java.util.Set;

/**
 * The life of a collection: {@code DRAFT → IN_PROGRESS → COMPLETED}, or {@code DECLINED} (a signer declined),
 * {@code EXPIRED} (the deadline passed) or {@code CANCELLED} (by the launcher or an owner). A draft may also be
 * cancelled (deleted from the lists).
 */
public enum CollectionStatus {

	DRAFT, IN_PROGRESS, COMPLETED, DECLINED, EXPIRED, CANCELLED;

	/** Whether the collection has ended (nothing changes any more). */
	public boolean ended() {
		return this != DRAFT && this != IN_PROGRESS;
	}

	/** Whether {@code next} may follow this state. */
	public boolean mayBecome(CollectionStatus next) {
		return switch (this) {
			case DRAFT -> Set.of(IN_PROGRESS, CANCELLED).contains(next);
			case IN_PROGRESS -> Set.of(COMPLETED, DECLINED, EXPIRED, CANCELLED).contains(next);
			default -> false;
		};
	}

}
