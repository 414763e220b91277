/**
 * The signing product around the {@code pades} engine: personal signatures confirmed by a one-time code, firm seals
 * and the officers' checks before them, API keys and the sealing API, the drafts and placement of the signing and
 * seal pages. The package root is the module's API; {@code internal} (stores, the engine's wiring) and {@code web}
 * (pages and API controllers) are not.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Signing",
		allowedDependencies = { "billing", "firm", "identity", "notification", "otp", "pades", "pki", "shared", "terms",
				"timestamp", "validation" })
package fr.paraphe.signing;
