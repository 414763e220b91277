package fr.paraphe.billing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import fr.paraphe.shared.FirmClosure;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.UserId;

import org.springframework.stereotype.Component;

/**
 * Billing's part of closing a firm: with a balance left, the owner says what becomes of it before closing, either a
 * refund asked (REFUND: the platform's staff refund it by bank transfer, out of Paraphe, from the audit trail's
 * record) or the balance given up (FORFEIT). The ledger itself is kept, as the law requires of accounts.
 */
@Component
class BillingClosure implements FirmClosure {

	static final String QUESTION = "balance";

	private final Billing billing;

	BillingClosure(Billing billing) {
		this.billing = billing;
	}

	@Override
	public Optional<Question> question(FirmId firm, UserId owner) {
		Money balance = billing.balance(firm, owner);
		if (!balance.isPositive()) {
			return Optional.empty();
		}
		return Optional.of(new Question(QUESTION, "firm.close.balanceQuestion", List.of(balance.format(Locale.FRANCE)),
				List.of(new Answer("REFUND", "firm.close.balance.REFUND"), new Answer("FORFEIT", "firm.close.balance.FORFEIT"))));
	}

	@Override
	public Optional<String> refusal(FirmId firm, UserId owner, String answer) {
		return billing.balance(firm, owner).isPositive() && answer == null ? Optional.of("firm.close.balanceUnanswered")
				: Optional.empty();
	}

}
