package fr.paraphe.registration.internal;

import java.util.List;

import fr.paraphe.shared.RetentionPolicy;

import org.springframework.stereotype.Component;

/** What registration keeps: identity documents until {@code paraphe.registration.document-retention} after the decision. */
@Component
class RegistrationRetention implements RetentionPolicy {

	private final RegistrationProperties properties;

	RegistrationRetention(RegistrationProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<Kept> kept() {
		return List.of(new Kept("privacy.kept.identityDocuments", properties.documentRetention(), 20),
				new Kept("privacy.kept.identityFields", null, 21));
	}

}
