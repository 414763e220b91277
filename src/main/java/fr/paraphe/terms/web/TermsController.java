package fr.paraphe.terms.web;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.terms.Terms;
import fr.paraphe.terms.TermsVersion;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Conditions générales d’utilisation": the version in force and its acceptance; for platform
 * administrators (checked by the security configuration on {@code /admin/**}), the publication of a new
 * version.
 */
@Controller
class TermsController {

	private final Terms terms;

	TermsController(Terms terms) {
		this.terms = terms;
	}

	@GetMapping(Terms.ACCEPT_PATH)
	String current(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam(name = "retour", required = false) String returnTo, Model model) {
		if (Terms.isLocalPath(returnTo)) {
			model.addAttribute("returnTo", returnTo);
		}
		TermsVersion current = terms.current().orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "error.404.detail"));
		model.addAttribute("terms", current);
		model.addAttribute("accepted", terms.hasAccepted(principal.user().id()));
		return "terms/terms";
	}

	@PostMapping(Terms.ACCEPT_PATH)
	String accept(@AuthenticationPrincipal ParapheUser principal, @RequestParam("version") int version,
			@RequestParam(name = "accepte", required = false) String accepted,
			@RequestParam(name = "retour", required = false) String returnTo, HttpServletRequest request,
			RedirectAttributes redirect) {
		if (accepted == null) {
			redirect.addFlashAttribute("failure", "terms.accept.unchecked");
			return "redirect:" + Terms.acceptPath(returnTo);
		}
		terms.accept(principal.user().id(), version, request.getRemoteAddr());
		redirect.addFlashAttribute("success", "terms.accept.resumed");
		if (Terms.isLocalPath(returnTo)) {
			// Back to the step the CGU interrupted, only ever a path of this application.
			return "redirect:" + returnTo;
		}
		redirect.addFlashAttribute("success", "terms.accept.done");
		return "redirect:" + Terms.ACCEPT_PATH;
	}

	@GetMapping("/admin/cgu")
	String admin(Model model) {
		model.addAttribute("versions", terms.versions());
		return "terms/admin";
	}

	@PostMapping("/admin/cgu")
	String publish(@AuthenticationPrincipal ParapheUser principal, @RequestParam("texte") String text,
			RedirectAttributes redirect) {
		TermsVersion version = terms.publish(text, principal.user().id());
		redirect.addFlashAttribute("success", "terms.publish.done");
		redirect.addFlashAttribute("published", version.number());
		return "redirect:/admin/cgu";
	}

}
