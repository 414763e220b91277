package fr.paraphe.identity;

import java.net.URI;
import java.util.Optional;

import fr.paraphe.identity.internal.ComptexpertClientRegistrations;

import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * "Se déconnecter" ends the session at the provider too, when its metadata offers an {@code end_session_endpoint}
 * (OpenID Connect RP-Initiated Logout 1.0): otherwise one click on "Se connecter" would log the person back in
 * without their password. A provider that offers none gets Paraphe's own logout only.
 */
@Component
public class SingleSignOnLogout {

	private final ClientRegistrationRepository registrations;

	SingleSignOnLogout(ClientRegistrationRepository registrations) {
		this.registrations = registrations;
	}

	/**
	 * Sends the browser to the provider's end-session endpoint (with the ID token as hint and
	 * {@code {baseUrl}}{@code loggedOutPath} as the way back), or straight to {@code loggedOutPath} when it has none.
	 */
	public LogoutSuccessHandler successHandler(String loggedOutPath) {
		OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		handler.setPostLogoutRedirectUri("{baseUrl}" + loggedOutPath);
		handler.setDefaultTargetUrl(loggedOutPath);
		return handler;
	}

	/**
	 * The origin ({@code scheme://host:port}) of the provider's end-session endpoint, for the pages' Content Security
	 * Policy: the logout form's redirection goes there, and {@code form-action} governs it. Reads the provider's
	 * metadata if not read yet; empty when it offers no such endpoint or cannot be reached.
	 */
	public Optional<String> endSessionOrigin() {
		try {
			ClientRegistration registration = registrations
				.findByRegistrationId(ComptexpertClientRegistrations.REGISTRATION_ID);
			Object endpoint = registration == null ? null
					: registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
			if (endpoint == null) {
				return Optional.empty();
			}
			URI uri = URI.create(endpoint.toString());
			if (uri.getScheme() == null || uri.getHost() == null) {
				return Optional.empty();
			}
			return Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
		}
		catch (RuntimeException unreachable) {
			return Optional.empty();
		}
	}

}
