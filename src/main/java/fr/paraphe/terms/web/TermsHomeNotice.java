package fr.paraphe.terms.web;

import java.util.Map;

import fr.paraphe.identity.HomeNotice;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.terms.Terms;

import org.springframework.stereotype.Component;

/** The home page's "Premiers pas": whether the person accepted the CGU in force. */
@Component
class TermsHomeNotice implements HomeNotice {

	private final Terms terms;

	TermsHomeNotice(Terms terms) {
		this.terms = terms;
	}

	@Override
	public Map<String, Object> attributesFor(ParapheUser user) {
		return user.user().isFirmMember() ? Map.of("termsAccepted", terms.hasAccepted(user.user().id())) : Map.of();
	}

}
