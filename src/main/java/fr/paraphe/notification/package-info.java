/**
 * E-mail (and later SMS) to the platform's users: listens to the other modules' events and owns no business
 * rule. Every message is recorded; in the demonstration set-up it is only captured, for an administrator's
 * mailbox page, instead of sent.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification",
		allowedDependencies = { "billing", "firm", "identity", "shared" })
package fr.paraphe.notification;
