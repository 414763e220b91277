package fr.paraphe.signing;

import java.time.Instant;
import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;

/**
 * A registration officer's check of a firm before its seal certificate is issued: the firm's details as the owner
 * asked (a snapshot, so that the officer decides on what was asked), and the decision.
 *
 * @param firm null only for the demonstration set-up's check, recorded before the demo firm's first login
 * @param requestedBy null for the demonstration set-up
 * @param decidedAt null while pending
 * @param reason the officer's reason for a rejection, null otherwise
 * @param certificateSerial the seal certificate issued on approval (hexadecimal), null otherwise
 */
public record SealCheck(UUID id, FirmId firm, Siren siren, String firmName, String ordreNumber, String address,
		UserId requestedBy, String requestedByName, Instant requestedAt, Status status, Instant decidedAt, String reason,
		String certificateSerial) {

	public enum Status {

		PENDING, APPROVED, REJECTED

	}

	public boolean isPending() {
		return status == Status.PENDING;
	}

	public boolean isApproved() {
		return status == Status.APPROVED;
	}

	public boolean isRejected() {
		return status == Status.REJECTED;
	}

	/** Whether this approved check still covers a firm now named {@code name} with this SIREN. */
	boolean covers(Siren currentSiren, String currentName) {
		return isApproved() && siren.equals(currentSiren) && firmName.equals(currentName);
	}

	/** The public page of the firm in the French government's company directory ("Annuaire des entreprises"). */
	public String directoryUrl() {
		return "https://annuaire-entreprises.data.gouv.fr/entreprise/" + siren.value();
	}

}
