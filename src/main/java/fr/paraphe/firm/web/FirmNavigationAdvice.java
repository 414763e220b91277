package fr.paraphe.firm.web;

import java.util.Optional;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts {@code maySeal}, {@code maySign} and {@code firmOwner} in every page's model: whether the logged-in user
 * holds the SEAL or SIGN delegation now and owns their firm, so that the layout links to {@code /cachet},
 * {@code /signer} and the firm's account. Only links: the pages check the delegation again on the server.
 */
@ControllerAdvice
class FirmNavigationAdvice {

	private final Firms firms;

	FirmNavigationAdvice(Firms firms) {
		this.firms = firms;
	}

	@ModelAttribute
	void delegations(@AuthenticationPrincipal Object principal, Model model) {
		Optional<Membership> membership = principal instanceof ParapheUser user && user.user().isFirmMember()
				? firms.membershipOf(user.user().id()) : Optional.empty();
		model.addAttribute("maySeal", membership.map(member -> member.may(Delegation.SEAL)).orElse(false));
		model.addAttribute("maySign", membership.map(member -> member.may(Delegation.SIGN)).orElse(false));
		model.addAttribute("firmOwner", membership.map(Membership::isOwner).orElse(false));
		model.addAttribute("firmActive", membership.isPresent());
	}

}
