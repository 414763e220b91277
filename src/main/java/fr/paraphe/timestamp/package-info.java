/**
 * The time-stamping authority (RFC 3161): answers time-stamp queries at {@code POST /pki/tsa} with tokens
 * signed by the TSA key of the {@code pki} module, and gives other modules tokens for their signatures.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Timestamp",
		allowedDependencies = { "pki", "shared" })
package fr.paraphe.timestamp;
