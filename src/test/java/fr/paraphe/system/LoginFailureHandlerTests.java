package fr.paraphe.system;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login that fails because the database could not be reached is not the person's failure: they are told the
 * service is unavailable for a moment (503, {@code Retry-After}, the French error page), not that their login
 * failed. Any other failure goes back to the login page with a reason it can explain.
 */
class LoginFailureHandlerTests {

	private final LoginFailureHandler handler = new LoginFailureHandler();

	@Test
	void aLostDatabaseIsA503ToRetryNotAFailedLogin() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		handler.onAuthenticationFailure(new MockHttpServletRequest("GET", "/login/oauth2/code/comptexpert"), response,
				new InternalAuthenticationServiceException("user service",
						new CannotGetJdbcConnectionException("pool exhausted")));
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("2");
		assertThat(response.getRedirectedUrl()).isNull();

		MockHttpServletResponse wrapped = new MockHttpServletResponse();
		handler.onAuthenticationFailure(new MockHttpServletRequest("GET", "/login/oauth2/code/comptexpert"), wrapped,
				new OAuth2AuthenticationException(new OAuth2Error("server_error"), "lost",
						new java.sql.SQLException("terminating connection due to administrator command", "57P01")));
		assertThat(wrapped.getStatus()).isEqualTo(503);
	}

	@Test
	void otherFailuresGoBackToTheLoginPageWithAReason() throws Exception {
		MockHttpServletResponse known = new MockHttpServletResponse();
		handler.onAuthenticationFailure(new MockHttpServletRequest(), known,
				new OAuth2AuthenticationException(new OAuth2Error("unknown_role")));
		assertThat(known.getRedirectedUrl()).isEqualTo("/connexion?erreur=unknown_role");

		MockHttpServletResponse other = new MockHttpServletResponse();
		handler.onAuthenticationFailure(new MockHttpServletRequest(), other,
				new OAuth2AuthenticationException(new OAuth2Error("invalid_token"), new IllegalStateException("bug")));
		assertThat(other.getRedirectedUrl()).isEqualTo("/connexion?erreur=failed");
	}

}
