package fr.paraphe.shared;

import java.util.List;
import java.util.Optional;

/**
 * A module's part of closing a firm ({@code firm} owns the closing, on {@code /cabinet}): each bean of this type
 * may ask the owner a question first (billing: what becomes of the balance), refuse the closing while something is
 * under way (collection: a collection in progress), and ends what the module runs for the firm (signing: the seal
 * certificate revoked and the API keys disabled; webhook: the endpoints removed). What the law requires to keep
 * (signed documents, the audit trail) stays for its retention ({@link RetentionPolicy}): no part deletes it.
 */
public interface FirmClosure {

	/** What the owner is asked before closing, or empty when this module asks nothing. */
	default Optional<Question> question(FirmId firm, UserId owner) {
		return Optional.empty();
	}

	/**
	 * Why the firm may not be closed now, as a message key; empty when nothing stops it.
	 * @param answer the owner's answer to this module's question, null if none was given
	 */
	default Optional<String> refusal(FirmId firm, UserId owner, String answer) {
		return Optional.empty();
	}

	/**
	 * Ends this module's part, before the firm is marked closed (while {@code owner} is still its owner). Must be
	 * safe to run again (a failed closing is retried as a whole).
	 */
	default void close(FirmId firm, UserId owner) {
	}

	/**
	 * A question asked before closing.
	 * @param name the form field carrying the answer, also given back to {@link #refusal}
	 * @param messageKey the question, with {@code arguments}
	 * @param answers the possible answers, each a value and its message key
	 */
	record Question(String name, String messageKey, List<Object> arguments, List<Answer> answers) {
	}

	/** One possible answer: the value sent back and the message key that says it. */
	record Answer(String value, String messageKey) {
	}

}
