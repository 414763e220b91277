package fr.paraphe.collection.web;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.ParapheUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts {@code mayCollect} in every page's model: whether the logged-in user may prepare or launch collections now
 * (PREPARE or LAUNCH delegation, or owner), so that the layout links to {@code /collectes}. Only a link: the pages
 * check again on the server.
 */
@ControllerAdvice
class CollectionNavigationAdvice {

	private final Firms firms;

	CollectionNavigationAdvice(Firms firms) {
		this.firms = firms;
	}

	@ModelAttribute
	void collections(@AuthenticationPrincipal Object principal, org.springframework.ui.Model model) {
		boolean may = principal instanceof ParapheUser user && user.user().isFirmMember()
				&& firms.membershipOf(user.user().id())
					.map(member -> member.may(Delegation.PREPARE) || member.may(Delegation.LAUNCH))
					.orElse(false);
		model.addAttribute("mayCollect", may);
	}

}
