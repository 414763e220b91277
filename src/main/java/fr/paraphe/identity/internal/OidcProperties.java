package fr.paraphe.identity.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenID Connect provider users log in with ("Se connecter avec Comptexpert"), {@code paraphe.oidc.*}.
 *
 * @param issuerUri the provider's issuer; its metadata is read at {@code issuerUri/.well-known/openid-configuration}.
 * Empty means the built-in demonstration provider.
 * @param clientId this application's client id at the provider
 * @param clientSecret its secret (from the environment, never from the repository)
 * @param scopes the scopes asked for
 * @param claims which claim carries which piece of the profile
 */
@ConfigurationProperties("paraphe.oidc")
public record OidcProperties(String issuerUri, @DefaultValue("paraphe") String clientId, String clientSecret,
		@DefaultValue({ "openid", "profile", "email" }) List<String> scopes, @DefaultValue Claims claims) {

	/**
	 * Claim names. Comptexpert's own names differ from the standard ones; all are configurable. {@code login} is
	 * the name the person types at the provider (OIDC {@code preferred_username}), optional: an owner may add a
	 * collaborator by it.
	 */
	public record Claims(@DefaultValue("sub") String subject, @DefaultValue("name") String name,
			@DefaultValue("given_name") String givenName, @DefaultValue("family_name") String familyName,
			@DefaultValue("email") String email, @DefaultValue("role") String role,
			@DefaultValue("siren") String siren, @DefaultValue("firm_name") String firmName,
			@DefaultValue("delegations") String delegations, @DefaultValue("preferred_username") String login) {

		@org.springframework.boot.context.properties.bind.ConstructorBinding
		public Claims {
		}

		/** Claim names with the standard login claim, {@code preferred_username}. */
		public Claims(String subject, String name, String givenName, String familyName, String email, String role,
				String siren, String firmName, String delegations) {
			this(subject, name, givenName, familyName, email, role, siren, firmName, delegations, "preferred_username");
		}

	}

}
