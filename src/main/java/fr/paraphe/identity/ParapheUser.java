package fr.paraphe.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The authenticated principal: the provider's OpenID Connect user, and the local {@link User} it maps to.
 * The local user is a snapshot taken at login.
 */
public final class ParapheUser implements OidcUser, java.io.Serializable {

	private static final long serialVersionUID = 1L;

	private final OidcUser oidcUser;

	private final User user;

	ParapheUser(OidcUser oidcUser, User user) {
		this.oidcUser = oidcUser;
		this.user = user;
	}

	/** The local user as stored at login. */
	public User user() {
		return user;
	}

	@Override
	public Map<String, Object> getClaims() {
		return oidcUser.getClaims();
	}

	@Override
	public OidcUserInfo getUserInfo() {
		return oidcUser.getUserInfo();
	}

	@Override
	public OidcIdToken getIdToken() {
		return oidcUser.getIdToken();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return oidcUser.getAttributes();
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority(user.role().authority()));
	}

	@Override
	public String getName() {
		return user.subject();
	}

}
