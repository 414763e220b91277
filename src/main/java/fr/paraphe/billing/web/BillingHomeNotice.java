package fr.paraphe.billing.web;

import java.time.Instant;
import java.util.Map;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.EntryKind;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.HomeNotice;
import fr.paraphe.identity.ParapheUser;

import org.springframework.stereotype.Component;

/** For a firm's owners, the home page shows the balance, and "Premiers pas" whether the account was ever credited. */
@Component
class BillingHomeNotice implements HomeNotice {

	private final Billing billing;

	private final Firms firms;

	BillingHomeNotice(Billing billing, Firms firms) {
		this.billing = billing;
		this.firms = firms;
	}

	@Override
	public Map<String, Object> attributesFor(ParapheUser user) {
		return firms.membershipOf(user.user().id())
			.filter(member -> member.isOwner())
			.map(owner -> Map.<String, Object>of("firmBalance", billing.balance(owner.firm(), user.user().id()),
					"firmCredited", !billing.statement(owner.firm(), user.user().id(), Instant.EPOCH,
							Instant.now().plusSeconds(60), EntryKind.CREDIT, 1).isEmpty()))
			.orElse(Map.of());
	}

}
