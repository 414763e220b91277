package fr.paraphe.firm.web;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bug 8 of issue 14: "system" appeared as an actor in "Qui a fait quoi". The platform's own actions (a low-balance
 * alert, housekeeping) read "Paraphe"; the SSO's read "Comptexpert"; a person's, their name.
 */
class ActorNamesTests {

	@Test
	void namesEveryKindOfActorInWords() {
		UUID claire = UUID.randomUUID();

		assertThat(FirmController.actorName("system", id -> Optional.empty())).isEqualTo("Paraphe");
		assertThat(FirmController.actorName("sso", id -> Optional.empty())).isEqualTo("Comptexpert");
		assertThat(FirmController.actorName(claire.toString(),
				id -> id.value().equals(claire) ? Optional.of("Claire Martin") : Optional.empty())).isEqualTo("Claire Martin");
	}

}
