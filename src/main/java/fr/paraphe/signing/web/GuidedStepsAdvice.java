package fr.paraphe.signing.web;

import java.time.Clock;
import java.util.Locale;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.ParapheUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the guided signing and sealing pages show besides their step: the price of the operation from the tariff in
 * force (what the firm's account is debited, VAT included) before the person confirms, and the name the stamp will
 * read (the person's for a signature, the firm's for a seal) for its preview on the page's picture.
 */
@ControllerAdvice(assignableTypes = { SealPageController.class, SigningPageController.class })
class GuidedStepsAdvice {

	private final Billing billing;

	private final Firms firms;

	private final Clock clock;

	GuidedStepsAdvice(Billing billing, Firms firms, Clock clock) {
		this.billing = billing;
		this.firms = firms;
		this.clock = clock;
	}

	/** The placement page is shared with the collections' preparation, which shows no steps, price nor stamp. */
	@ModelAttribute("guided")
	boolean guided() {
		return true;
	}

	@ModelAttribute("sealPrice")
	String sealPrice(Locale locale) {
		return billing.tariffAt(clock.instant()).grossPrice(Operation.SEAL).format(locale);
	}

	@ModelAttribute("signaturePrice")
	String signaturePrice(Locale locale) {
		return billing.tariffAt(clock.instant()).grossPrice(Operation.SIGNATURE).format(locale);
	}

	@ModelAttribute("stampSigner")
	String stampSigner(@AuthenticationPrincipal ParapheUser principal) {
		return principal == null ? "" : principal.user().displayName();
	}

	@ModelAttribute("stampFirm")
	String stampFirm(@AuthenticationPrincipal ParapheUser principal) {
		if (principal == null) {
			return "";
		}
		return firms.membershipOf(principal.user().id()).map(member -> firms.nameOf(member.firm())).orElse("");
	}

}
