package fr.paraphe.signing.web;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.ParapheUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts {@code maySeal} and {@code maySign} in every page's model: whether the logged-in user holds the SEAL or
 * SIGN delegation now, so that the layout links to {@code /cachet} and {@code /signer}. Only links: the pages
 * check the delegation again on the server.
 */
@ControllerAdvice
class DelegationNavigationAdvice {

	private final Firms firms;

	DelegationNavigationAdvice(Firms firms) {
		this.firms = firms;
	}

	@ModelAttribute
	void delegations(@AuthenticationPrincipal Object principal, org.springframework.ui.Model model) {
		var membership = principal instanceof ParapheUser user && user.user().isFirmMember()
				? firms.membershipOf(user.user().id()) : java.util.Optional.<fr.paraphe.firm.Membership>empty();
		model.addAttribute("maySeal", membership.map(member -> member.may(Delegation.SEAL)).orElse(false));
		model.addAttribute("maySign", membership.map(member -> member.may(Delegation.SIGN)).orElse(false));
	}

}
