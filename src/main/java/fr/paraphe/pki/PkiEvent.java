package fr.paraphe.pki;

import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;

/**
 * The CA's events in the audit trail: platform-wide (no firm), acted by the CA itself.
 */
interface PkiEvent extends Auditable {

	@Override
	default FirmId firm() {
		return null;
	}

	@Override
	default String actor() {
		return "pki";
	}

}
