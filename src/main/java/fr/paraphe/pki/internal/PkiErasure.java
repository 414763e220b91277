package fr.paraphe.pki.internal;

import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.shared.AccountErasure;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Supprimer mon compte" in the CA: the certificates it issued to the person stay in its records (they are in signed
 * documents, the CRL and OCSP answer for them), already revoked by registration's part; they are no longer tied to
 * the account, only to the pseudonym.
 */
@Component
@Order(15)
class PkiErasure implements AccountErasure {

	private final JdbcClient jdbc;

	PkiErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void erase(Erased person) {
		jdbc.sql("UPDATE pki_certificate SET holder = :pseudonym WHERE holder = :holder")
			.param("pseudonym", person.pseudonym())
			.param("holder", IssuedCertificate.holderOf(person.user()))
			.update();
	}

}
