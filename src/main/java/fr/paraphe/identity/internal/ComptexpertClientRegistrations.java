package fr.paraphe.identity.internal;

import java.util.function.Supplier;


import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The single client registration, "comptexpert", read from the provider's metadata at the first login
 * rather than at start-up: the application starts even while the provider is away, and the built-in
 * demonstration provider (served by this very application) is only reachable once the server listens.
 * A failed discovery is retried at the next login.
 */
public final class ComptexpertClientRegistrations implements ClientRegistrationRepository {

	public static final String REGISTRATION_ID = "comptexpert";

	private final OidcProperties properties;

	private final Supplier<String> issuer;

	private volatile ClientRegistration registration;

	/**
	 * @param issuer where the provider's issuer is known; may be called only once the server listens
	 */
	public ComptexpertClientRegistrations(OidcProperties properties, Supplier<String> issuer) {
		this.properties = properties;
		this.issuer = issuer;
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		if (!REGISTRATION_ID.equals(registrationId)) {
			return null;
		}
		ClientRegistration current = registration;
		if (current == null) {
			synchronized (this) {
				current = registration;
				if (current == null) {
					current = discover();
					registration = current;
				}
			}
		}
		return current;
	}

	private ClientRegistration discover() {
		return ClientRegistrations.fromIssuerLocation(issuer.get())
			.registrationId(REGISTRATION_ID)
			.clientName("Comptexpert")
			.clientId(properties.clientId())
			.clientSecret(properties.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope(properties.scopes())
			.userNameAttributeName(properties.claims().subject())
			.build();
	}

}
