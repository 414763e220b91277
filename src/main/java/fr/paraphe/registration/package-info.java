/**
 * Registration of the people who sign ("S’enregistrer"): their identity and identity document, its review
 * by a registration officer, the issuance of their signing certificate on approval, "Votre compte" and the
 * revocation of the certificate by its holder. A module of its own rather than a part of {@code identity}
 * because it needs {@code firm} (the sign delegation), {@code pki}, {@code terms} and {@code notification},
 * which themselves depend on {@code identity}: see docs/decisions/registration-module.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registration",
		allowedDependencies = { "firm", "identity", "notification", "otp", "pki", "shared", "terms" })
package fr.paraphe.registration;
