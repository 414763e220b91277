package fr.paraphe.identity;

import fr.paraphe.shared.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The one check of every officers' review (registrations, firms' seal checks, the next ones): only a
 * {@link Role#REGISTRATION_OFFICER} passes. A queue answers 403 with its own message (the page exists, for
 * officers); anything about one item answers 404, so that nothing is told about what exists.
 */
public final class Officers {

	private Officers() {
	}

	/**
	 * @param otherwise {@link HttpStatus#FORBIDDEN} for a queue, {@link HttpStatus#NOT_FOUND} for one item
	 * @param forbiddenKey the message of a 403
	 * @throws ProblemException unless {@code user} is a registration officer
	 */
	public static void require(User user, HttpStatus otherwise, String forbiddenKey) {
		if (user == null || user.role() != Role.REGISTRATION_OFFICER) {
			throw new ProblemException(otherwise, otherwise == HttpStatus.NOT_FOUND ? "error.404.detail" : forbiddenKey);
		}
	}

}
