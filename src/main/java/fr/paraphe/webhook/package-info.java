/**
 * Webhooks to the Standard Webhooks 1.0 specification: a firm's endpoints, the outbox written in the same
 * transaction as the events it announces, and the worker that delivers each of them, signed, on any node.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhook",
		allowedDependencies = { "billing", "collection", "firm", "identity", "notification", "pki", "shared",
				"signing" })
package fr.paraphe.webhook;
