package fr.paraphe.signing.web;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.ParapheUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts {@code maySeal} in every page's model: whether the logged-in user holds the SEAL delegation now, so that
 * the layout links to {@code /cachet}. Only a link: {@code /cachet} checks the delegation again on the server.
 */
@ControllerAdvice
class SealNavigationAdvice {

	private final Firms firms;

	SealNavigationAdvice(Firms firms) {
		this.firms = firms;
	}

	@ModelAttribute("maySeal")
	boolean maySeal(@AuthenticationPrincipal Object principal) {
		if (!(principal instanceof ParapheUser user) || !user.user().isFirmMember()) {
			return false;
		}
		return firms.membershipOf(user.user().id()).map(membership -> membership.may(Delegation.SEAL)).orElse(false);
	}

}
