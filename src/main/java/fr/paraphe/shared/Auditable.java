package fr.paraphe.shared;

import java.util.Map;
import java.util.UUID;

/**
 * An event that belongs in the audit trail. Modules publish their past-tense events as records implementing
 * it; the audit module records every one of them, without knowing the modules.
 */
public interface Auditable {

	/** The firm concerned, or null for a platform-wide event. */
	FirmId firm();

	/** Who did it: a user id, "sso", "system", … */
	String actor();

	/** A stable name of what happened, e.g. {@code firm.delegation.granted}. */
	String action();

	/** Facts worth keeping, as text (no secret, no document content). */
	Map<String, String> details();

	/**
	 * This event's identity, drawn once when it is made and kept when the event publication registry stores and
	 * delivers it again: listeners with an effect key that effect by it, so that a second delivery (at least once)
	 * has none.
	 */
	UUID eventId();

}
