package fr.paraphe.signing.internal;

import fr.paraphe.shared.AccountErasure;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Supprimer mon compte" in signing: the firm keeps its documents and their history (legal proof of what it signed
 * and sealed), but "who" now reads the pseudonym instead of the person's name, in Documents and in the firm's seal
 * checks.
 */
@Component
@Order(50)
class SigningErasure implements AccountErasure {

	private final JdbcClient jdbc;

	SigningErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void erase(Erased person) {
		jdbc.sql("UPDATE signing_document SET actor_name = :pseudonym WHERE actor_id = :user")
			.param("pseudonym", person.pseudonym())
			.param("user", person.user().value())
			.update();
		jdbc.sql("UPDATE signing_seal_check SET requested_by_name = :pseudonym WHERE requested_by = :user")
			.param("pseudonym", person.pseudonym())
			.param("user", person.user().value())
			.update();
	}

}
