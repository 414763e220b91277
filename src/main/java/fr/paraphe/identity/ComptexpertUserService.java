package fr.paraphe.identity;

import fr.paraphe.identity.internal.ClaimMapper;
import fr.paraphe.identity.internal.LoginRefusedException;
import fr.paraphe.identity.internal.OidcProperties;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Turns a successful OpenID Connect login into a Paraphe login: maps the claims to an {@link SsoProfile},
 * records the user, and grants the authority of their role.
 */
@Component
class ComptexpertUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService delegate = new OidcUserService();

	private final ClaimMapper mapper;

	private final Users users;

	ComptexpertUserService(OidcProperties properties, Users users) {
		this.mapper = new ClaimMapper(properties.claims());
		this.users = users;
	}

	/**
	 * @throws LoginRefusedException when the claims lack a role, a firm, or carry a malformed SIREN
	 */
	@Override
	public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
		OidcUser oidcUser = delegate.loadUser(request);
		SsoProfile profile = mapper.map(oidcUser.getClaims());
		return new ParapheUser(oidcUser, users.recordLogin(profile));
	}

}
