package fr.paraphe.validation.internal;

/**
 * Who asks for a validation, for the fair share of the validator: each client runs at most one heavy document at
 * a time, and firms calling with their API key have their own queue, apart from the public one.
 *
 * @param id the client address, or the firm's API key ("key:…")
 * @param firm whether it is a firm authenticated by its API key
 */
public record ValidationClient(String id, boolean firm) {

	/** A caller nobody identified: shares the public queue with everyone. */
	public static final ValidationClient ANONYMOUS = new ValidationClient("anonymous", false);

	public ValidationClient {
		id = id == null || id.isBlank() ? "anonymous" : id;
	}

	/** The request attribute where the rate limit leaves the client it identified. */
	public static final String REQUEST_ATTRIBUTE = ValidationClient.class.getName();

}
