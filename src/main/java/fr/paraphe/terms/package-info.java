/**
 * The general terms of use (CGU): versions published by a platform administrator, and each user's
 * acceptance of them, which signing and sealing require ({@link fr.paraphe.terms.Terms#requireAccepted}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Terms",
		allowedDependencies = { "identity", "shared" })
package fr.paraphe.terms;
