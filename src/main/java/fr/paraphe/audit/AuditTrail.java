package fr.paraphe.audit;

import java.util.List;
import java.util.OptionalLong;

import fr.paraphe.audit.internal.AuditStore;
import fr.paraphe.shared.FirmId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit trail. Writing is the trail's own business: it records the modules' events.
 */
@Service
public class AuditTrail {

	private final AuditStore store;

	AuditTrail(AuditStore store) {
		this.store = store;
	}

	/** A firm's entries, newest first. The caller checks that its user may see them. */
	@Transactional(readOnly = true)
	public List<AuditEntry> forFirm(FirmId firm, int limit) {
		return store.forFirm(firm, Math.max(1, Math.min(limit, 1000)));
	}

	/**
	 * Recomputes the whole chain.
	 * @return empty if every entry's hash is right and chained to its predecessor, else the first broken seq
	 */
	@Transactional(readOnly = true)
	public OptionalLong firstBrokenEntry() {
		return store.firstBrokenEntry();
	}

}
