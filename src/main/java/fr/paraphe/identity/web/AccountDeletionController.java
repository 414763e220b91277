package fr.paraphe.identity.web;

import java.util.List;

import fr.paraphe.identity.internal.AccountDeletion;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Supprimer mon compte" ({@code /compte/suppression}): what deletion does and keeps, what stops it (an owner's
 * firm), and the confirmation by typing a word. Only the logged-in person's own account: the form names no one.
 */
@Controller
@RequestMapping("/compte/suppression")
class AccountDeletionController {

	private final AccountDeletion deletion;

	AccountDeletionController(AccountDeletion deletion) {
		this.deletion = deletion;
	}

	@GetMapping
	String page(@AuthenticationPrincipal ParapheUser principal, Model model) {
		List<String> refusals = deletion.refusals(principal.user().id());
		model.addAttribute("refusals", refusals);
		model.addAttribute("confirmationWord", AccountDeletion.CONFIRMATION_WORD);
		return "identity/account-deletion";
	}

	@PostMapping
	String delete(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam(name = "confirmation", required = false) String confirmation, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		try {
			deletion.delete(principal.user().id(), confirmation);
		}
		catch (ProblemException problem) {
			PageRefusal.show(problem, model.asMap());
			response.setStatus(problem.getStatusCode().value());
			return page(principal, model);
		}
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		return "redirect:/deconnexion/ok?compte-supprime";
	}

}
