/**
 * Firms (cabinets), their owners and collaborators, and the delegations (sign, seal, prepare, launch) that
 * every action checks on the server.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Firm",
		allowedDependencies = { "audit", "identity", "shared" })
package fr.paraphe.firm;
