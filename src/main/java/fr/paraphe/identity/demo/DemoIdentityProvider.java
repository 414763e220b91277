package fr.paraphe.identity.demo;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * The demonstration provider as the rest of the application sees it: its issuer, and the one client it
 * knows (this application). Both depend on the port the server listens on, known only once it listens.
 */
public class DemoIdentityProvider implements ApplicationListener<ServletWebServerInitializedEvent>, RegisteredClientRepository {

	/** The path under which the provider is served; its issuer is {@code http://HOST:PORT/idp}. */
	public static final String PATH = "/idp";

	private final DemoIdpProperties properties;

	private final String clientId = "paraphe";

	/** A fresh secret at every start: nothing to leak, nothing to configure. */
	private final String clientSecret;

	private volatile int port = -1;

	private volatile RegisteredClientRepository clients;

	DemoIdentityProvider(DemoIdpProperties properties) {
		this.properties = properties;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.clientSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	@Override
	public void onApplicationEvent(ServletWebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.port = event.getWebServer().getPort();
			this.clients = new InMemoryRegisteredClientRepository(client());
		}
	}

	/**
	 * The issuer, e.g. {@code http://127.0.0.1:8080/idp}.
	 * @throws IllegalStateException before the server listens
	 */
	public String issuer() {
		return "http://" + properties.host() + ":" + listeningPort() + PATH;
	}

	public String clientId() {
		return clientId;
	}

	public String clientSecret() {
		return clientSecret;
	}

	private int listeningPort() {
		if (port < 0) {
			throw new IllegalStateException("The demonstration provider is not listening yet");
		}
		return port;
	}

	private RegisteredClient client() {
		List<String> redirectUris = new ArrayList<>();
		redirectUris.add("http://localhost:" + port + "/login/oauth2/code/comptexpert");
		redirectUris.add("http://127.0.0.1:" + port + "/login/oauth2/code/comptexpert");
		redirectUris.addAll(properties.extraRedirectUris());
		// RP-initiated logout comes back to "Vous êtes déconnecté", under either name.
		List<String> loggedOutUris = List.of("http://localhost:" + port + "/deconnexion/ok",
				"http://127.0.0.1:" + port + "/deconnexion/ok");
		return RegisteredClient.withId(UUID.nameUUIDFromBytes(clientId.getBytes()).toString())
			.clientId(clientId)
			.clientSecret("{noop}" + clientSecret)
			.clientName("Paraphe")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris(uris -> uris.addAll(redirectUris))
			.postLogoutRedirectUris(uris -> uris.addAll(loggedOutUris))
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
			.build();
	}

	private RegisteredClientRepository clients() {
		RegisteredClientRepository current = clients;
		if (current == null) {
			throw new IllegalStateException("The demonstration provider is not listening yet");
		}
		return current;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		// Called when the client secret's encoding is upgraded at its first use.
		clients().save(registeredClient);
	}

	@Override
	public RegisteredClient findById(String id) {
		return clients().findById(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return clients().findByClientId(clientId);
	}

}
