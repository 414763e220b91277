package fr.paraphe.signing.internal;

import java.util.Optional;

import fr.paraphe.signing.ApiKeys;
import fr.paraphe.validation.ValidationApiKeys;

import org.springframework.stereotype.Component;

/** The firms' API keys, for the validation API's own per-key quota and queue. */
@Component
class ValidationApiKeyAdapter implements ValidationApiKeys {

	private final ApiKeys apiKeys;

	ValidationApiKeyAdapter(ApiKeys apiKeys) {
		this.apiKeys = apiKeys;
	}

	@Override
	public Optional<String> keyId(String secret) {
		// The demonstration key has no row: it is counted per firm.
		return apiKeys.authenticate(secret)
			.map(caller -> caller.keyId() != null ? caller.keyId().toString() : "firm-" + caller.firm().value());
	}

}
