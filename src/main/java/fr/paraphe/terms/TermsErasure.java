package fr.paraphe.terms;

import fr.paraphe.shared.AccountErasure;
import fr.paraphe.terms.internal.TermsStore;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * "Supprimer mon compte": the person's CGU acceptances (with the IP address they accepted from) are deleted; each
 * acceptance stays recorded, under the pseudonym, in the audit trail.
 */
@Component
@Order(40)
class TermsErasure implements AccountErasure {

	private final TermsStore store;

	TermsErasure(TermsStore store) {
		this.store = store;
	}

	@Override
	public void erase(Erased person) {
		store.deleteAcceptances(person.user());
	}

}
