package fr.paraphe.firm;

import java.time.Instant;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Siren;

/**
 * A firm (cabinet d'expertise comptable) as its owner completed it.
 *
 * @param ordreNumber the firm's registration number with the Ordre des experts-comptables, may be null
 * @param addressLine may be null until the owner completes it
 */
public record Firm(FirmId id, Siren siren, String name, String ordreNumber, String addressLine, String postalCode,
		String city, Instant createdAt) {

	/** Whether the owner completed what the first login could not know. */
	public boolean isComplete() {
		return ordreNumber != null && addressLine != null && postalCode != null && city != null;
	}

}
