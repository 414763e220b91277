package fr.paraphe.audit;

import fr.paraphe.audit.internal.AuditStore;
import fr.paraphe.shared.AccountErasure;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * "Supprimer mon compte" in the audit trail: the entries are legal proof and hash-chained, so none is rewritten;
 * the person's user id, as an actor, is mapped to their pseudonym, which the trail's readers show instead.
 */
@Component
@Order(90)
class AuditErasure implements AccountErasure {

	private final AuditStore store;

	AuditErasure(AuditStore store) {
		this.store = store;
	}

	@Override
	public void erase(Erased person) {
		store.pseudonymise(person.user().toString(), person.pseudonym());
	}

}
