package fr.paraphe.system;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.paraphe.system.internal.LostDatabase;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Sends a failed login back to the login page with a reason the page can explain in French; the provider's
 * own message never reaches the page (it may be in English, or say too much). A login that lost the database is
 * a 503 to retry instead.
 */
final class LoginFailureHandler implements AuthenticationFailureHandler {

	/** The reasons the login page has a message for; any other becomes "failed". */
	private static final Set<String> KNOWN = Set.of("unknown_role", "invalid_firm", "missing_subject",
			"access_denied");

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (LostDatabase.isCause(exception)) {
			// Not the person's failure: the database was out of reach (its transaction rolled back). The error page
			// says the service is unavailable for a moment, as for any other request that lost it.
			response.setHeader("Retry-After", "2");
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			return;
		}
		String reason = "failed";
		if (exception instanceof OAuth2AuthenticationException oauth
				&& KNOWN.contains(oauth.getError().getErrorCode())) {
			reason = oauth.getError().getErrorCode();
		}
		response.sendRedirect(request.getContextPath() + "/connexion?erreur=" + reason);
	}

}
