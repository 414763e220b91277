package fr.paraphe.audit;

import fr.paraphe.audit.internal.AuditStore;
import fr.paraphe.shared.Auditable;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Appends every auditable event once its transaction committed. The event publication registry keeps the
 * event until this has succeeded, so a crash in between loses no entry.
 */
@Component
class AuditRecorder {

	private final AuditStore store;

	AuditRecorder(AuditStore store) {
		this.store = store;
	}

	@ApplicationModuleListener
	void on(Auditable event) {
		store.append(event);
	}

}
