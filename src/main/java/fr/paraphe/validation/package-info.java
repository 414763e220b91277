/**
 * Validation of signed PDFs (PAdES, ETSI EN 319 142) on EU DSS with a strict policy and Paraphe's own
 * comparison of each signed revision with the final file; reports in the vocabulary of ETSI EN 319 102-1.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Validation",
		allowedDependencies = { "pki", "shared" })
package fr.paraphe.validation;
