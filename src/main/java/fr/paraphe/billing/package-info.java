/**
 * The firm's prepaid account (compte-cabinet): tariffs, credits with numbered receipts, and debits that
 * commit with the signature or seal they pay for, exactly once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Billing",
		allowedDependencies = { "firm", "identity", "shared" })
package fr.paraphe.billing;
