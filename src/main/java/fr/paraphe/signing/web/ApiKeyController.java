package fr.paraphe.signing.web;

import java.util.UUID;

import fr.paraphe.firm.Firm;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.ApiKeys;
import fr.paraphe.signing.FirmSeals;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /cabinet/cles-api}: the firm owner creates and revokes the API keys of the sealing API, and sees (or
 * obtains) the firm's seal certificate. A new key is shown once, right after its creation.
 */
@Controller
class ApiKeyController {

	private final ApiKeys apiKeys;

	private final FirmSeals seals;

	private final Firms firms;

	ApiKeyController(ApiKeys apiKeys, FirmSeals seals, Firms firms) {
		this.apiKeys = apiKeys;
		this.seals = seals;
		this.firms = firms;
	}

	@GetMapping("/cabinet/cles-api")
	String page(@AuthenticationPrincipal ParapheUser principal, Model model) {
		Membership owner = owner(principal);
		Firm firm = firms.firm(owner.firm(), principal.user().id());
		model.addAttribute("keys", apiKeys.list(principal.user().id(), owner.firm())
			.stream()
			.map(key -> new KeyView(key.id(), key.label(), key.prefix(), DAY_TIME.format(key.createdAt()),
					key.revokedAt() == null ? null : DAY.format(key.revokedAt())))
			.toList());
		model.addAttribute("seal", seals.current(firm.siren())
			.map(seal -> new SealView(seal.subject(), DAY.format(seal.notAfter())))
			.orElse(null));
		return "signing/api-keys";
	}

	@PostMapping("/cabinet/cles-api")
	String create(@AuthenticationPrincipal ParapheUser principal, @RequestParam(name = "libelle", required = false) String label,
			RedirectAttributes redirect) {
		Membership owner = owner(principal);
		ApiKeys.Created created = apiKeys.create(principal.user().id(), owner.firm(), label);
		redirect.addFlashAttribute("secret", created.secret());
		return "redirect:/cabinet/cles-api";
	}

	@PostMapping("/cabinet/cles-api/{id}/revocation")
	String revoke(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			RedirectAttributes redirect) {
		Membership owner = owner(principal);
		apiKeys.revoke(principal.user().id(), owner.firm(), id);
		redirect.addFlashAttribute("success", "signing.apiKey.revoked");
		return "redirect:/cabinet/cles-api";
	}

	@PostMapping("/cabinet/cles-api/cachet")
	String issueSeal(@AuthenticationPrincipal ParapheUser principal, RedirectAttributes redirect) {
		Membership owner = owner(principal);
		seals.issue(principal.user().id(), owner.firm());
		redirect.addFlashAttribute("success", "signing.seal.issued");
		return "redirect:/cabinet/cles-api";
	}

	private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter
		.ofPattern("dd/MM/yyyy")
		.withZone(java.time.ZoneId.of("Europe/Paris"));

	private static final java.time.format.DateTimeFormatter DAY_TIME = java.time.format.DateTimeFormatter
		.ofPattern("dd/MM/yyyy HH:mm")
		.withZone(java.time.ZoneId.of("Europe/Paris"));

	/** A key as the page shows it, dates in Paris time. */
	record KeyView(UUID id, String label, String prefix, String createdAt, String revokedAt) {

		public boolean isRevoked() {
			return revokedAt != null;
		}

	}

	record SealView(String subject, String notAfter) {
	}

	private Membership owner(ParapheUser principal) {
		Membership membership = firms.membershipOf(principal.user().id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
		return firms.requireOwner(principal.user().id(), membership.firm());
	}

}
