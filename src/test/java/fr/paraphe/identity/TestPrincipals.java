package fr.paraphe.identity;

import java.time.Instant;
import java.util.Map;

import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * MockMvc requests as a user recorded through {@link Users#recordLogin}, with the principal the OpenID Connect login
 * gives ({@link ParapheUser}): for people the demonstration provider does not know (a fresh firm, a user who has
 * not accepted the CGU).
 */
public final class TestPrincipals {

	private TestPrincipals() {
	}

	public static RequestPostProcessor as(User user) {
		OidcIdToken token = new OidcIdToken("test-token", Instant.now(), Instant.now().plusSeconds(600),
				Map.of("sub", user.subject()));
		ParapheUser principal = new ParapheUser(new DefaultOidcUser(java.util.List.of(), token), user);
		return SecurityMockMvcRequestPostProcessors
			.authentication(new OAuth2AuthenticationToken(principal, principal.getAuthorities(), "comptexpert"));
	}

}
