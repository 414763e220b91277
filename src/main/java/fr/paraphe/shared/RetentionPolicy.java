package fr.paraphe.shared;

import java.time.Duration;
import java.util.List;

/**
 * What a module keeps about people and their documents, and for how long, as its code does it: each bean of this
 * type lists its kinds of data for the public page {@code /confidentialite}, so that the page reads the settings in
 * force instead of repeating them.
 */
public interface RetentionPolicy {

	/** The kinds of data this module keeps; never null. */
	List<Kept> kept();

	/**
	 * One kind of data.
	 * @param messageKey the message that names it (and says why it is kept so long when {@code duration} is null)
	 * @param duration how long it is kept, null for as long as the account or the firm exists
	 * @param order where it comes on the page, smallest first
	 */
	record Kept(String messageKey, Duration duration, int order) {
	}

}
