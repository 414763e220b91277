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

	private String linkPath;

	private String linkTextKey;

	public ProblemException(HttpStatus status, String messageKey, Object... arguments) {
		super(status, messageKey);
		this.messageKey = messageKey;
		this.arguments = arguments.clone();
	}

	/**
	 * Adds where the person can fix the problem: the error page shows a link to {@code path} labelled by the
	 * message {@code textKey}; problem details carry it as the property {@code link}.
	 * @param path an absolute path of the application, e.g. {@code /cgu}
	 * @return this exception
	 */
	public ProblemException withLink(String path, String textKey) {
		if (path == null || !path.startsWith("/") || path.startsWith("//")) {
			throw new IllegalArgumentException("A problem's link is a path of the application");
		}
		this.linkPath = path;
		this.linkTextKey = textKey;
		return this;
	}

	/** The path of {@link #withLink}, or null. */
	public String linkPath() {
		return linkPath;
	}

	/** The message key of the link's text, or null. */
	public String linkTextKey() {
		return linkTextKey;
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] arguments() {
		return arguments.clone();
	}

}
