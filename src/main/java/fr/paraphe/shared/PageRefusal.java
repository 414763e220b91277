package fr.paraphe.shared;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one policy of the pages for a {@link ProblemException}: a refusal the person can act on (400, 402, 409,
 * 413, 415, 422, 429, or a 403 that says where to fix it, such as the CGU) is shown on the page that asked, in the
 * message's words, with the link the refusal carries; a 404, a 403 without a link and any 5xx go to the error page
 * (thrown again), so that a page never says more than the error page about what the person may not see.
 * <p>
 * A page shown after a redirect ({@link #flash}) loses the status, so there a 403 always goes to the error page,
 * which shows the refusal's link itself.
 * <p>
 * The page receives {@code failure} (the message key), {@code failureArguments}, {@code failureArgument} (the first
 * one, or ""), {@code failureLink} and {@code failureLinkText} (or null).
 */
public final class PageRefusal {

	private PageRefusal() {
	}

	/** Whether the page shows this refusal rather than the error page. */
	public static boolean shownOnPage(ProblemException problem) {
		int status = problem.getStatusCode().value();
		return status >= 400 && status < 500 && status != 404 && !(status == 403 && problem.linkPath() == null);
	}

	/**
	 * The attributes that show {@code problem} on a page, with the page's own wording {@code messageKey}.
	 * @throws ProblemException {@code problem} itself when it goes to the error page
	 */
	public static Map<String, Object> attributes(ProblemException problem, String messageKey) {
		if (!shownOnPage(problem)) {
			throw problem;
		}
		Object[] arguments = problem.arguments();
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("failure", messageKey);
		attributes.put("failureArguments", arguments);
		attributes.put("failureArgument", arguments.length == 0 ? "" : arguments[0]);
		attributes.put("failureLink", problem.linkPath());
		attributes.put("failureLinkText", problem.linkTextKey());
		return attributes;
	}

	/** {@link #attributes(ProblemException, String)} with the problem's own message. */
	public static Map<String, Object> attributes(ProblemException problem) {
		return attributes(problem, problem.messageKey());
	}

	/** Puts the refusal in {@code model} (a page shown now). @throws ProblemException for the error page */
	public static void show(ProblemException problem, Map<String, Object> model) {
		model.putAll(attributes(problem));
	}

	/**
	 * Puts the refusal in the flash attributes (a page shown after a redirect).
	 * @throws ProblemException {@code problem} itself for the error page (404, any 403, 5xx)
	 */
	public static void flash(ProblemException problem, RedirectAttributes redirect) {
		if (problem.getStatusCode().value() == 403) {
			throw problem;
		}
		// Flash attributes live in the HTTP session (in the database): only strings go there.
		attributes(problem).forEach((name, value) -> {
			if (value != null && !"failureArguments".equals(name)) {
				redirect.addFlashAttribute(name, String.valueOf(value));
			}
		});
	}

}
