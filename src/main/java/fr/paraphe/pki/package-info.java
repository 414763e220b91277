/**
 * The platform's trust services: a key store (encrypted software keys or a PKCS#11 token), a certification
 * authority (root, "Paraphe Personnes", "Paraphe Cachets"), its CRLs (RFC 5280) and its OCSP responder
 * (RFC 6960). The package root is the module's API; {@code internal} and {@code web} are not.
 */
@org.springframework.modulith.ApplicationModule(displayName = "PKI",
		allowedDependencies = { "identity", "shared" })
package fr.paraphe.pki;
