package fr.paraphe.system;

import fr.paraphe.shared.AccountErasure;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Supprimer mon compte": every session of the person ends, on every node (the sessions are in the database, indexed
 * by the principal's name, their SSO subject); the attributes go with them (ON DELETE CASCADE).
 */
@Component
@Order(100)
class SessionErasure implements AccountErasure {

	private final JdbcClient jdbc;

	SessionErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void erase(Erased person) {
		jdbc.sql("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :subject").param("subject", person.subject()).update();
	}

}
