/**
 * Cross-cutting plumbing: web security, error handling (problem details on the API, French pages
 * elsewhere), languages, clock.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System",
		allowedDependencies = { "identity", "shared" })
package fr.paraphe.system;
