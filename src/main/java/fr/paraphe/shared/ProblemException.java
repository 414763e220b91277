package fr.paraphe.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A refusal that the person must understand: an HTTP status and a message of the bundle
 * ({@code messages.properties}) with its arguments. The error pages and the API's problem details show that
 * message in the user's language, never the exception's own text.
 */
public class ProblemException extends ResponseStatusException {

	private static final long serialVersionUID = 1L;

	private final String messageKey;

	private final transient Object[] arguments;

	public ProblemException(HttpStatus status, String messageKey, Object... arguments) {
		super(status, messageKey);
		this.messageKey = messageKey;
		this.arguments = arguments.clone();
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] arguments() {
		return arguments.clone();
	}

}
