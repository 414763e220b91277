package fr.paraphe.identity.internal;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The provider authenticated the person but what it says about them is not enough to let them in (no role,
 * no firm, a malformed SIREN). The error code names a message of the login page.
 */
public class LoginRefusedException extends OAuth2AuthenticationException {

	private static final long serialVersionUID = 1L;

	public LoginRefusedException(String code, String description) {
		super(new OAuth2Error(code, description, null), description);
	}

}
