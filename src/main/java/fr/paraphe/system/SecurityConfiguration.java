package fr.paraphe.system;

import fr.paraphe.identity.Role;
import fr.paraphe.identity.SingleSignOnLogout;
import fr.paraphe.system.internal.ContainerErrorPage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The application's security: login through the OpenID Connect provider, CSRF on every form, strict
 * headers. The API and the actuator answer 401/403 as problem details instead of redirecting to a login.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/**
	 * The session cookie's name (server.servlet.session.cookie.name). Sessions live in the database (Spring
	 * Session JDBC), so any node serves any request and a logout ends the session everywhere.
	 */
	static final String SESSION_COOKIE = "PARAPHE_SESSION";

	/** No inline script anywhere: every script is a file under /js. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	/**
	 * Public without login: the trust services' publication points, the validation of signed PDFs, collection signers'
	 * links, the API's OpenAPI description and its Swagger UI.
	 */
	static final String[] PUBLIC_PATHS = { "/tarifs", "/confidentialite", "/pki/**", "/valider", "/valider/**",
			"/api/v1/validations", "/api/v1/validations/**", "/collecte/**", "/api/openapi.json", "/api/openapi.json/**",
			"/api/docs", "/api/docs/**", "/api/swagger-ui/**" };

	/**
	 * Machine-to-machine protocol endpoints (RFC 6960, RFC 3161) and the anonymous validation API: no
	 * session to protect, so no CSRF token to ask for.
	 */
	static final String[] NO_CSRF_PATHS = { "/pki/ocsp", "/pki/ocsp/**", "/pki/tsa", "/api/v1/validations" };

	/**
	 * The sealing, collections and webhooks APIs authenticate each request by a firm API key (Authorization: Bearer …), which the signing
	 * module checks: no session, no cookie, hence no CSRF token; the controller answers 401 as problem details.
	 */
	@Bean
	@Order(5)
	SecurityFilterChain sealApiFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/v1/seals", "/api/v1/seals/*", "/api/v1/extensions", "/api/v1/collections",
				"/api/v1/collections/**", "/api/v1/collection-models", "/api/v1/collection-models/**", "/api/v1/collection-batches", "/api/v1/collection-batches/**",
				"/api/v1/webhooks", "/api/v1/webhooks/**", "/api/v1/seal-jobs", "/api/v1/seal-jobs/**")
			.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session
				.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
		return http.build();
	}

	@Bean
	@Order(10)
	SecurityFilterChain applicationFilterChain(HttpSecurity http,
			OAuth2UserService<OidcUserRequest, OidcUser> userService, SingleSignOnLogout singleSignOnLogout)
			throws Exception {
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers("/", "/connexion", "/deconnexion/ok", "/error", "/css/**", "/js/**", "/images/**",
					"/favicon.ico", "/favicon.svg")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
			.permitAll()
			// Trust-service publication (certificates, CRL, OCSP, time-stamps) and public validation.
			.requestMatchers(PUBLIC_PATHS)
			.permitAll()
			.requestMatchers("/actuator/**", "/api/v1/admin/**", "/admin/**")
			.hasAuthority(Role.PLATFORM_ADMIN.authority())
			.anyRequest()
			.authenticated())
			.oauth2Login(login -> login.loginPage("/connexion")
				.userInfoEndpoint(userInfo -> userInfo.oidcUserService(userService))
				.failureHandler(new LoginFailureHandler())
				.defaultSuccessUrl("/", false))
			.logout(logout -> logout.logoutUrl("/deconnexion")
				.logoutSuccessHandler(singleSignOnLogout.successHandler("/deconnexion/ok"))
				.invalidateHttpSession(true)
				.clearAuthentication(true)
				.deleteCookies(SESSION_COOKIE))
			.csrf(csrf -> csrf.ignoringRequestMatchers(NO_CSRF_PATHS))
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(new SendErrorEntryPoint(HttpStatus.UNAUTHORIZED),
						path.matcher("/api/**"))
				.defaultAuthenticationEntryPointFor(new SendErrorEntryPoint(HttpStatus.UNAUTHORIZED),
						path.matcher("/actuator/**"))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/connexion"),
						path.matcher("/**")))
			.headers(headers -> headers
				.addHeaderWriter(new LogoutAwarePolicy(singleSignOnLogout))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")));
		return http.build();
	}

	/**
	 * The pages' Content Security Policy. For a logged-in person, {@code form-action} also allows the provider's
	 * end-session endpoint: "Se déconnecter" is a form whose answer redirects there, and browsers hold a form's
	 * redirections to {@code form-action}.
	 */
	static final class LogoutAwarePolicy implements org.springframework.security.web.header.HeaderWriter {

		private final SingleSignOnLogout logout;

		LogoutAwarePolicy(SingleSignOnLogout logout) {
			this.logout = logout;
		}

		@Override
		public void writeHeaders(jakarta.servlet.http.HttpServletRequest request,
				jakarta.servlet.http.HttpServletResponse response) {
			if (response.containsHeader("Content-Security-Policy")) {
				return;
			}
			String policy = CONTENT_SECURITY_POLICY;
			org.springframework.security.core.Authentication authentication = org.springframework.security.core.context.SecurityContextHolder
				.getContext()
				.getAuthentication();
			if (authentication instanceof org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken) {
				policy = logout.endSessionOrigin()
					.map(origin -> CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' " + origin))
					.orElse(CONTENT_SECURITY_POLICY);
			}
			response.setHeader("Content-Security-Policy", policy);
		}

	}

	/** The strict firewall, with an encoded slash allowed in the GET form of OCSP only. */
	@Bean
	org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
		return new OcspGetFirewall();
	}

	@Bean
	org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> encodedSlashes() {
		return OcspGetFirewall.passEncodedSlashes();
	}

	/** Tomcat's own error page (for requests it refuses before the application) in French. */
	@Bean
	org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> containerErrorPage() {
		return ContainerErrorPage.customizer();
	}

	/** A request the firewall refuses (encoded slashes, odd methods) is a plain 400, not a 500. */
	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return new HttpStatusRequestRejectedHandler();
	}

}
