package fr.paraphe.signing.web;

import java.util.UUID;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.SealChecks;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /verification/cabinets}: the registration officers' queue of firms asking for their seal certificate, one
 * firm's request, approval (the CA issues the certificate at once) and rejection with a reason. {@link SealChecks}
 * checks the role on every call.
 */
@Controller
@RequestMapping("/verification/cabinets")
class SealCheckController {

	private final SealChecks checks;

	SealCheckController(SealChecks checks) {
		this.checks = checks;
	}

	@GetMapping
	String queue(@AuthenticationPrincipal ParapheUser principal, Model model) {
		model.addAttribute("queue", checks.queue(principal.user()));
		return "signing/check-queue";
	}

	@GetMapping("/{id}")
	String review(@AuthenticationPrincipal ParapheUser principal, @PathVariable String id, Model model) {
		model.addAttribute("check", checks.forReview(principal.user(), uuid(id)));
		return "signing/check-review";
	}

	@PostMapping("/{id}/approuver")
	String approve(@AuthenticationPrincipal ParapheUser principal, @PathVariable String id,
			RedirectAttributes redirect) {
		UUID check = uuid(id);
		try {
			checks.approve(principal.user(), check);
		}
		catch (ProblemException problem) {
			return refused(problem, redirect, check);
		}
		redirect.addFlashAttribute("success", "signing.check.approved");
		return "redirect:/verification/cabinets";
	}

	@PostMapping("/{id}/refuser")
	String reject(@AuthenticationPrincipal ParapheUser principal, @PathVariable String id,
			@RequestParam(name = "motif", required = false) String reason, RedirectAttributes redirect) {
		UUID check = uuid(id);
		try {
			checks.reject(principal.user(), check, reason);
		}
		catch (ProblemException problem) {
			return refused(problem, redirect, check);
		}
		redirect.addFlashAttribute("success", "signing.check.rejected");
		return "redirect:/verification/cabinets";
	}

	/** The refusal comes back to the request's page with the reason ({@link PageRefusal}). */
	private static String refused(ProblemException problem, RedirectAttributes redirect, UUID check) {
		PageRefusal.flash(problem, redirect);
		return "redirect:/verification/cabinets/" + check;
	}

	private static UUID uuid(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException malformed) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "error.404.detail");
		}
	}

}
