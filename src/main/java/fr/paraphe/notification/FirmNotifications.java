package fr.paraphe.notification;

import java.util.Locale;
import java.util.Map;

import fr.paraphe.billing.BillingEvents.BalanceLow;
import fr.paraphe.billing.BillingEvents.RefundPaid;
import fr.paraphe.firm.FirmEvents.AccessRequested;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells a firm's owners what needs them: a collaborator asking for access, a balance below their threshold; and a
 * closed firm's former owner that its balance was refunded. Once per event and owner, however often an event is
 * delivered.
 */
@Component
class FirmNotifications {

	private final Firms firms;

	private final Users users;

	private final Notifications notifications;

	FirmNotifications(Firms firms, Users users, Notifications notifications) {
		this.firms = firms;
		this.users = users;
		this.notifications = notifications;
	}

	@ApplicationModuleListener
	void on(AccessRequested request) {
		String firmName = firms.nameOf(request.firm());
		toOwners(request.eventId(), request.firm(), "access-requested",
				Map.of("requester", request.name(), "requesterEmail", request.email() == null ? "" : request.email(),
						"firmName", firmName),
				request.name());
	}

	@ApplicationModuleListener
	void on(BalanceLow low) {
		String firmName = firms.nameOf(low.firm());
		for (User owner : owners(low.firm())) {
			Locale locale = Locale.forLanguageTag(owner.language());
			notifications.emailOnce(low.eventId(), owner.email(), locale, "balance-low",
					Map.of("firmName", firmName, "balance", low.balance().format(locale), "threshold",
							low.threshold().format(locale)),
					firmName);
		}
	}

	/** The firm is closed (no owner any more): the owner who closed it asked for the refund and is told. */
	@ApplicationModuleListener
	void on(RefundPaid refund) {
		if (refund.formerOwner() == null) {
			return;
		}
		String firmName = firms.nameOf(refund.firm());
		users.findById(refund.formerOwner()).filter(owner -> owner.email() != null).ifPresent(owner -> {
			Locale locale = Locale.forLanguageTag(owner.language());
			notifications.emailOnce(refund.eventId(), owner.email(), locale, "refund-paid",
					Map.of("firmName", firmName, "amount", refund.amount().format(locale), "paidOn",
							refund.paidOn().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")),
							"reference", refund.reference()),
					firmName);
		});
	}

	private void toOwners(java.util.UUID eventId, FirmId firm, String template, Map<String, Object> variables,
			Object... subjectArguments) {
		for (User owner : owners(firm)) {
			notifications.emailOnce(eventId, owner.email(), Locale.forLanguageTag(owner.language()), template, variables,
					subjectArguments);
		}
	}

	private java.util.List<User> owners(FirmId firm) {
		return firms.ownersOf(firm)
			.stream()
			.map(users::findById)
			.flatMap(java.util.Optional::stream)
			.filter(user -> user.email() != null)
			.toList();
	}

}
