package fr.paraphe.identity.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person known to the demonstration provider, with the claims Comptexpert would send for them.
 */
public record DemoAccount(String username, String subject, String givenName, String familyName, String email,
		String role, String siren, String firmName) {

	static final String PASSWORD = "demo";

	static final String DEMO_FIRM_SIREN = fr.paraphe.identity.DemoFirm.SIREN.value();

	static final String DEMO_FIRM_NAME = fr.paraphe.identity.DemoFirm.NAME;

	static final List<DemoAccount> ALL = List.of(
			new DemoAccount("expert", "demo-expert", "Claire", "Martin", "claire.martin@cabinet-demo.fr",
					"EXPERT_COMPTABLE", DEMO_FIRM_SIREN, DEMO_FIRM_NAME),
			new DemoAccount("collab", "demo-collab", "Julien", "Bernard", "julien.bernard@cabinet-demo.fr",
					"COLLABORATEUR", DEMO_FIRM_SIREN, DEMO_FIRM_NAME),
			new DemoAccount("officier", "demo-officier", "Sophie", "Leroy", "sophie.leroy@paraphe.example",
					"REGISTRATION_OFFICER", null, null),
			new DemoAccount("admin", "demo-admin", "Marc", "Dubois", "marc.dubois@paraphe.example",
					"PLATFORM_ADMIN", null, null));

	static DemoAccount byUsername(String username) {
		return ALL.stream().filter(a -> a.username.equals(username)).findFirst().orElse(null);
	}

	public String name() {
		return givenName + " " + familyName;
	}

	/** The claims of the ID token, under the default claim names of {@code paraphe.oidc.claims}. */
	Map<String, Object> claims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("preferred_username", username);
		claims.put("name", name());
		claims.put("given_name", givenName);
		claims.put("family_name", familyName);
		claims.put("email", email);
		claims.put("email_verified", true);
		claims.put("role", role);
		if (siren != null) {
			claims.put("siren", siren);
			claims.put("firm_name", firmName);
		}
		return claims;
	}

}
