package fr.paraphe.firm.web;

import java.util.Map;

import fr.paraphe.firm.Firms;
import fr.paraphe.identity.HomeNotice;
import fr.paraphe.identity.ParapheUser;

import org.springframework.stereotype.Component;

/** The home page's "Premiers pas": whether the firm's details (ordre number, address) are filled in. */
@Component
class FirmHomeNotice implements HomeNotice {

	private final Firms firms;

	FirmHomeNotice(Firms firms) {
		this.firms = firms;
	}

	@Override
	public Map<String, Object> attributesFor(ParapheUser user) {
		return firms.membershipOf(user.user().id())
			.map(member -> Map.<String, Object>of("firmDetailsComplete",
					firms.firm(member.firm(), user.user().id()).isComplete()))
			.orElse(Map.of());
	}

}
