package fr.paraphe.identity.demo;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The demonstration stand-in for Comptexpert: a Spring Authorization Server under {@code /idp}, with the
 * four demonstration accounts. Its state (keys, codes, sessions) lives in memory: it serves one node.
 * <p>
 * It shares the servlet container with the application, so it keeps its login in a session attribute of
 * its own: even reached by the same host name, the provider's login never passes for the application's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("paraphe.demo-idp.enabled")
class DemoIdentityProviderConfiguration {

	static final String LOGIN_PAGE = DemoIdentityProvider.PATH + "/login";

	DemoIdentityProviderConfiguration(Environment environment) {
		if (environment.acceptsProfiles(Profiles.of("prod"))) {
			throw new IllegalStateException("The demonstration identity provider must not run in production: "
					+ "set paraphe.demo-idp.enabled=false (PARAPHE_DEMO_IDP_ENABLED=false) and configure "
					+ "paraphe.oidc.issuer-uri");
		}
	}

	@Bean
	DemoIdentityProvider demoIdentityProvider(DemoIdpProperties properties) {
		return new DemoIdentityProvider(properties);
	}

	@Bean
	@Order(1)
	SecurityFilterChain demoIdentityProviderFilterChain(HttpSecurity http, DemoIdentityProvider provider)
			throws Exception {
		JWKSource<SecurityContext> jwkSource = jwkSource();
		JwtGenerator idTokens = new JwtGenerator(new NimbusJwtEncoder(jwkSource));
		idTokens.setJwtCustomizer(context -> {
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				DemoAccount account = DemoAccount.byUsername(context.getPrincipal().getName());
				if (account != null) {
					context.getClaims().subject(account.subject());
					context.getClaims().claims(claims -> claims.putAll(account.claims()));
				}
			}
			else if (context.getPrincipal() != null) {
				DemoAccount account = DemoAccount.byUsername(context.getPrincipal().getName());
				if (account != null) {
					context.getClaims().subject(account.subject());
				}
			}
		});
		OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
		HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
		contexts.setSpringSecurityContextKey("PARAPHE_DEMO_IDP_SECURITY_CONTEXT");
		HttpSessionRequestCache requests = new HttpSessionRequestCache();
		requests.setSessionAttrName("PARAPHE_DEMO_IDP_SAVED_REQUEST");
		http.securityMatcher(DemoIdentityProvider.PATH + "/**")
			.oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource))))
			.with(authorizationServer, as -> as.registeredClientRepository(provider)
				.authorizationServerSettings(AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build())
				.tokenGenerator(new DelegatingOAuth2TokenGenerator(idTokens, new OAuth2AccessTokenGenerator(),
						new OAuth2RefreshTokenGenerator()))
				// The OpenID Connect endpoints, RP-initiated logout included ({issuer}/connect/logout, announced as
				// end_session_endpoint): "Se déconnecter" ends the provider's session too.
				.oidc(oidc -> oidc.logoutEndpoint(org.springframework.security.config.Customizer.withDefaults())))
			.authorizeHttpRequests(authorize -> authorize.requestMatchers(LOGIN_PAGE).permitAll()
				.anyRequest()
				.authenticated())
			.userDetailsService(demoUsers())
			.securityContext(context -> context.securityContextRepository(contexts))
			.requestCache(cache -> cache.requestCache(requests))
			.formLogin(form -> form.loginPage(LOGIN_PAGE).permitAll())
			.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")));
		http.setSharedObject(JWKSource.class, jwkSource);
		return http.build();
	}

	private static InMemoryUserDetailsManager demoUsers() {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		String password = encoder.encode(DemoAccount.PASSWORD);
		return new InMemoryUserDetailsManager(DemoAccount.ALL.stream()
			.map(account -> (UserDetails) User.withUsername(account.username())
				.password(password)
				.roles("DEMO")
				.build())
			.toList());
	}

	private static JWKSource<SecurityContext> jwkSource() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keyPair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
				.privateKey((RSAPrivateKey) keyPair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("RSA is not available", e);
		}
	}

}
