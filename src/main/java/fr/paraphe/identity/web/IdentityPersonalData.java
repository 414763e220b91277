package fr.paraphe.identity.web;

import java.util.Map;

import fr.paraphe.identity.Users;
import fr.paraphe.shared.PersonalData;
import fr.paraphe.shared.UserId;

import org.springframework.stereotype.Component;

/** "Mes données": the profile received from the SSO (name, e-mail, role, firm, language, first and last login). */
@Component
class IdentityPersonalData implements PersonalData {

	private final Users users;

	IdentityPersonalData(Users users) {
		this.users = users;
	}

	@Override
	public Map<String, Object> about(UserId user) {
		return users.findById(user).<Map<String, Object>>map(found -> Map.of("profil", found)).orElse(Map.of());
	}

}
