package fr.paraphe.firm.web;

import java.util.Map;

import fr.paraphe.firm.Firms;
import fr.paraphe.shared.PersonalData;
import fr.paraphe.shared.UserId;

import org.springframework.stereotype.Component;

/** "Mes données": the person's place in their firm (firm, role, delegations). */
@Component
class FirmPersonalData implements PersonalData {

	private final Firms firms;

	FirmPersonalData(Firms firms) {
		this.firms = firms;
	}

	@Override
	public Map<String, Object> about(UserId user) {
		return firms.membershipOf(user)
			.<Map<String, Object>>map(member -> Map.of("cabinet", Map.of("nom", firms.nameOf(member.firm()), "role",
					member.role().name(), "delegations", member.delegations().stream().map(Enum::name).sorted().toList())))
			.orElse(Map.of());
	}

}
