package fr.paraphe.billing;

import java.util.UUID;

import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;

/**
 * The price of one operation set aside on a firm's account until the operation is settled or released.
 *
 * @param key what the operation pays for (e.g. {@code seal:<document id>}): the settled debit's key
 * @param earlier when that key was already debited: that debit (nothing was reserved, the operation is a
 * replay and must not run again)
 */
public record Reservation(UUID id, FirmId firm, String key, Operation operation, Money amount, String actor,
		Entry earlier) {

	public boolean replayed() {
		return earlier != null;
	}

}
