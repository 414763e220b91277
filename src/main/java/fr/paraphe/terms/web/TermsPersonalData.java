package fr.paraphe.terms.web;

import java.util.Map;

import fr.paraphe.shared.PersonalData;
import fr.paraphe.shared.UserId;
import fr.paraphe.terms.Terms;

import org.springframework.stereotype.Component;

/** "Mes données": the person's acceptances of the CGU (version, date, address). */
@Component
class TermsPersonalData implements PersonalData {

	private final Terms terms;

	TermsPersonalData(Terms terms) {
		this.terms = terms;
	}

	@Override
	public Map<String, Object> about(UserId user) {
		return Map.of("acceptationsCgu", terms.acceptancesOf(user));
	}

}
