/**
 * The audit trail: every {@link fr.paraphe.shared.Auditable} event of every module, appended to a
 * hash chain that shows any later change or removal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit",
		allowedDependencies = "shared")
package fr.paraphe.audit;
