package fr.paraphe.identity.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimMapperTests {

	private final ClaimMapper mapper = new ClaimMapper(
			new OidcProperties.Claims("sub", "name", "given_name", "family_name", "email", "role", "siren", "firm_name", "delegations"));

	@Test
	void mapsAnExpertComptable() {
		SsoProfile profile = mapper.map(Map.of("sub", "abc", "name", "Claire Martin", "email", "c@m.fr", "role",
				"EXPERT_COMPTABLE", "siren", "732 829 320", "firm_name", "Cabinet Démo"));

		assertThat(profile).isEqualTo(new SsoProfile("abc", "Claire Martin", "c@m.fr", Role.EXPERT_COMPTABLE,
				new fr.paraphe.shared.Siren("732829320"), "Cabinet Démo"));
	}

	@Test
	void readsConfiguredClaimNames() {
		ClaimMapper comptexpert = new ClaimMapper(new OidcProperties.Claims("uid", "displayName", "prenom", "nom",
				"mail", "profil", "cabinet_siren", "cabinet_nom", "delegations"));

		SsoProfile profile = comptexpert.map(Map.of("uid", "u1", "prenom", "Julien", "nom", "Bernard", "profil",
				"collaborateur", "cabinet_siren", "732829320", "cabinet_nom", "Cabinet Démo"));

		assertThat(profile.subject()).isEqualTo("u1");
		assertThat(profile.displayName()).isEqualTo("Julien Bernard");
		assertThat(profile.role()).isEqualTo(Role.COLLABORATEUR);
		assertThat(profile.email()).isNull();
	}

	@Test
	void readsTheLoginNameFromTheConfiguredClaim() {
		Map<String, Object> claims = Map.of("sub", "u1", "role", "COLLABORATEUR", "siren", "732829320", "firm_name",
				"Cabinet Démo", "preferred_username", "collab", "identifiant", "jbernard");

		assertThat(mapper.map(claims).login()).isEqualTo("collab");
		assertThat(new ClaimMapper(new OidcProperties.Claims("sub", "name", "given_name", "family_name", "email", "role",
				"siren", "firm_name", "delegations", "identifiant")).map(claims).login()).isEqualTo("jbernard");
		assertThat(mapper.map(Map.of("sub", "u1", "role", "PLATFORM_ADMIN")).login()).isNull();
	}

	@Test
	void refusesAnUnknownOrMissingRole() {
		assertRefused(Map.of("sub", "abc", "role", "SUPERUSER"), "unknown_role");
		assertRefused(Map.of("sub", "abc"), "unknown_role");
		assertRefused(Map.of("sub", "abc", "role", List.of("EXPERT_COMPTABLE")), "unknown_role");
	}

	@Test
	void refusesAFirmMemberWithoutAValidSiren() {
		assertRefused(Map.of("sub", "abc", "role", "COLLABORATEUR", "firm_name", "X"), "invalid_firm");
		assertRefused(Map.of("sub", "abc", "role", "COLLABORATEUR", "siren", "732829321", "firm_name", "X"),
				"invalid_firm");
		assertRefused(Map.of("sub", "abc", "role", "COLLABORATEUR", "siren", "732829320"), "invalid_firm");
	}

	@Test
	void refusesAMissingOrOversizedSubject() {
		assertRefused(Map.of("role", "PLATFORM_ADMIN"), "missing_subject");
		assertRefused(Map.of("sub", " ", "role", "PLATFORM_ADMIN"), "missing_subject");
		assertRefused(Map.of("sub", "x".repeat(256), "role", "PLATFORM_ADMIN"), "missing_subject");
	}

	@Test
	void staffNeedNoFirmAndUnusableValuesAreDropped() {
		Map<String, Object> claims = new HashMap<>();
		claims.put("sub", "staff");
		claims.put("role", "platform-admin");
		claims.put("email", "not-an-email");
		claims.put("name", "N".repeat(1000));
		SsoProfile profile = mapper.map(claims);

		assertThat(profile.role()).isEqualTo(Role.PLATFORM_ADMIN);
		assertThat(profile.email()).isNull();
		assertThat(profile.displayName()).hasSize(255);
		assertThat(profile.firmSiren()).isNull();
	}

	@Test
	void fallsBackToTheSubjectForAName() {
		assertThat(mapper.map(Map.of("sub", "abc", "role", "PLATFORM_ADMIN")).displayName()).isEqualTo("abc");
	}

	private void assertRefused(Map<String, Object> claims, String code) {
		assertThatThrownBy(() -> mapper.map(claims)).isInstanceOf(LoginRefusedException.class)
			.extracting(e -> ((LoginRefusedException) e).getError().getErrorCode())
			.isEqualTo(code);
	}

}
