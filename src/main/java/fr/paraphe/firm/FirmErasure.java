package fr.paraphe.firm;

import java.util.Optional;

import fr.paraphe.firm.FirmEvents.MemberAccountDeleted;
import fr.paraphe.firm.internal.FirmStore;
import fr.paraphe.firm.internal.FirmStore.MemberRow;
import fr.paraphe.shared.AccountErasure;
import fr.paraphe.shared.UserId;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * "Supprimer mon compte" in the firm: an owner must first hand the firm to another expert-comptable
 * ({@link Firms#handOver}); a member's places end (delegations withdrawn) and their rows keep the pseudonym only.
 */
@Component
@Order(20)
class FirmErasure implements AccountErasure {

	/** Who ended the places of a person who deleted their account. */
	static final String ACCOUNT_DELETED = "account-deleted";

	private final FirmStore store;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	FirmErasure(FirmStore store, Clock clock, ApplicationEventPublisher events) {
		this.store = store;
		this.clock = clock;
		this.events = events;
	}

	@Override
	public Optional<String> refusal(UserId user) {
		return store.activeMembershipsOf(user).stream().anyMatch(row -> row.role() == FirmRole.OWNER)
				? Optional.of("account.delete.refused.owner") : Optional.empty();
	}

	@Override
	public void erase(Erased person) {
		Instant now = clock.instant();
		for (MemberRow row : store.activeMembershipsOf(person.user())) {
			store.lock(row.firm());
			store.removeMember(row.firm(), row.id(), ACCOUNT_DELETED, now);
			events.publishEvent(new MemberAccountDeleted(row.firm(), person.user().toString(), row.id()));
		}
		store.pseudonymiseMember(person.user(), person.pseudonym());
	}

}
