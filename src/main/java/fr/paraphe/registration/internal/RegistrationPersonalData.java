package fr.paraphe.registration.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.shared.PersonalData;
import fr.paraphe.shared.UserId;

import org.springframework.stereotype.Component;

/**
 * "Mes données": the person's registrations (declared identity, decision; the identity documents' type and size
 * while kept, never their images) and their certificates (name, validity, state).
 */
@Component
class RegistrationPersonalData implements PersonalData {

	private final Registrations registrations;

	private final CertificationAuthority authority;

	private final Clock clock;

	RegistrationPersonalData(Registrations registrations, CertificationAuthority authority, Clock clock) {
		this.registrations = registrations;
		this.authority = authority;
		this.clock = clock;
	}

	@Override
	public Map<String, Object> about(UserId user) {
		Map<String, Object> sections = new LinkedHashMap<>();
		sections.put("enregistrements", registrations.mine(user));
		sections.put("certificats", authority.certificatesOf(user)
			.stream()
			.map(certificate -> Map.of("numeroDeSerie", certificate.serial().hex(), "titulaire", certificate.subject(),
					"debut", certificate.notBefore().toString(), "fin", certificate.notAfter().toString(), "etat",
					certificate.status(clock.instant()).name()))
			.toList());
		return sections;
	}

}
