/**
 * Users as the profession's single sign-on (Comptexpert, OpenID Connect) describes them, kept locally.
 * Registration, identity documents and their review live in {@code fr.paraphe.registration}, which needs modules
 * that themselves depend on this one (docs/decisions/registration-module.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity",
		allowedDependencies = "shared")
package fr.paraphe.identity;
