package fr.paraphe.identity;

import fr.paraphe.identity.demo.DemoIdentityProvider;
import fr.paraphe.identity.internal.ComptexpertClientRegistrations;
import fr.paraphe.identity.internal.OidcProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.util.StringUtils;

/**
 * Wires the login through the configured OpenID Connect provider, or through the demonstration provider
 * when none is configured.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(OidcProperties properties,
			ObjectProvider<DemoIdentityProvider> demo) {
		if (StringUtils.hasText(properties.issuerUri())) {
			return new ComptexpertClientRegistrations(properties, properties::issuerUri);
		}
		DemoIdentityProvider provider = demo.getIfAvailable();
		if (provider == null) {
			throw new IllegalStateException("No OpenID Connect provider: set paraphe.oidc.issuer-uri "
					+ "(PARAPHE_OIDC_ISSUER_URI), or enable the demonstration provider (paraphe.demo-idp.enabled=true)");
		}
		OidcProperties demoClient = new OidcProperties(null, provider.clientId(), provider.clientSecret(),
				properties.scopes(), properties.claims());
		return new ComptexpertClientRegistrations(demoClient, provider::issuer);
	}

}
