package fr.paraphe.validation;

import java.util.Optional;

/**
 * Recognises a firm's API key on {@code POST /api/v1/validations}, so that the firm gets its own quota and queue.
 * The module that issues API keys declares the bean (validation does not know how keys are stored).
 */
public interface ValidationApiKeys {

	/**
	 * @param secret the bearer token presented
	 * @return a stable identifier of the key (the same for every request with it), empty for an unknown, revoked or
	 * malformed key
	 */
	Optional<String> keyId(String secret);

}
