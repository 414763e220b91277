/**
 * Evidence files (dossiers de preuve): per collection, a hash-chained trail of events, its head time-stamped by
 * the platform's TSA, delivered as JSON and as a PDF sealed by the platform (PAdES B-LTA), and each party's own
 * attestation. The package root is the module's API; {@code internal} is not.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evidence",
		allowedDependencies = { "pades", "pki", "shared", "timestamp", "validation" })
package fr.paraphe.evidence;
