package fr.paraphe.identity.demo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in stand-in for Comptexpert, {@code paraphe.demo-idp.*}.
 *
 * @param enabled whether this application also serves the demonstration provider under {@code /idp}; the
 * {@code prod} profile refuses to start while it is
 * @param host the host name the provider is reached by. It must differ from the one users type for the
 * application (localhost), so that the browser keeps the two sessions' cookies apart.
 * @param extraRedirectUris redirect URIs accepted besides {@code http://localhost:PORT/...} and
 * {@code http://127.0.0.1:PORT/...}, for a demonstration served under another name
 */
@ConfigurationProperties("paraphe.demo-idp")
public record DemoIdpProperties(@DefaultValue("false") boolean enabled, @DefaultValue("127.0.0.1") String host,
		@DefaultValue List<String> extraRedirectUris) {
}
