/**
 * Signature collections ("collectes de signatures"): a firm prepares documents, signers, their order and places
 * (PREPARE), a launcher validates and launches (LAUNCH, the cost reserved), each signer signs from a personal link
 * with a one-time code (clients with a one-time certificate, members with their own), then the documents are
 * completed (seal, B-LTA), delivered and the evidence trail kept. The package root is the module's API, what other
 * modules use: the published {@link fr.paraphe.collection.CollectionEvents}; {@code internal} (the services, their
 * types and the stores) and {@code web} (pages and API) are not.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Collections",
		allowedDependencies = { "billing", "evidence", "firm", "identity", "notification", "otp", "pades", "pki",
				"shared", "signing", "terms" })
package fr.paraphe.collection;
