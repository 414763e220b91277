package fr.paraphe.validation.internal;

import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * Certificates the validator trusts as anchors. Any module may declare a bean of this type (the platform's own
 * certification authority will, for the Paraphe roots); the validator asks every bean at each validation, so
 * a new root is trusted without a restart. The configured folder or key store
 * ({@code paraphe.validation.trusted-certificates}) is one such source.
 */
public interface TrustAnchorSource {

	/** The trusted certificates; never null, may be empty. */
	Collection<X509Certificate> trustAnchors();

}
