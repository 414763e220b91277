package fr.paraphe.registration.web;

import java.util.UUID;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.registration.internal.Registrations;
import fr.paraphe.registration.internal.RevocationChannel;
import fr.paraphe.registration.internal.RevocationRequest;
import fr.paraphe.registration.internal.Revocations;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;

import jakarta.servlet.http.HttpServletResponse;

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
 * "Révoquer mon certificat": choose SMS or e-mail, receive a one-time code, confirm with it and a reason.
 */
@Controller
@RequestMapping("/compte/revocation")
class RevocationController {

	private final Revocations revocations;

	private final Registrations registrations;

	RevocationController(Revocations revocations, Registrations registrations) {
		this.revocations = revocations;
		this.registrations = registrations;
	}

	@GetMapping
	String choose(@AuthenticationPrincipal ParapheUser principal, Model model) {
		model.addAttribute("certificate", registrations.validCertificate(principal.user().id()).orElse(null));
		return "registration/revoke";
	}

	@PostMapping
	String request(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam(name = "canal", required = false) String channel, RedirectAttributes redirect) {
		RevocationChannel parsed;
		try {
			parsed = channel == null ? null : RevocationChannel.valueOf(channel);
		}
		catch (IllegalArgumentException unknown) {
			parsed = null;
		}
		try {
			RevocationRequest request = revocations.request(principal.user(), parsed);
			redirect.addFlashAttribute("destination", request.destination());
			return "redirect:/compte/revocation/" + request.id();
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
			return "redirect:/compte/revocation";
		}
	}

	@GetMapping("/{id}")
	String confirmPage(@AuthenticationPrincipal ParapheUser principal, @PathVariable String id, Model model) {
		model.addAttribute("request", revocations.find(principal.user(), uuid(id)));
		model.addAttribute("reasons", RevocationReason.values());
		model.addAttribute("holderReasons", Revocations.HOLDER_REASONS);
		return "registration/revoke-confirm";
	}

	@PostMapping("/{id}")
	String confirm(@AuthenticationPrincipal ParapheUser principal, @PathVariable String id,
			@RequestParam(name = "code", required = false) String code,
			@RequestParam(name = "motif", required = false) String reason, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		UUID requestId = uuid(id);
		RevocationReason parsed = null;
		try {
			parsed = reason == null ? null : RevocationReason.valueOf(reason);
		}
		catch (IllegalArgumentException unknown) {
			// refused below as a missing reason
		}
		try {
			revocations.confirm(principal.user(), requestId, code, parsed);
		}
		catch (ProblemException problem) {
			PageRefusal.show(problem, model.asMap());
			response.setStatus(problem.getStatusCode().value());
			return confirmPage(principal, id, model);
		}
		redirect.addFlashAttribute("success", "revocation.done");
		return "redirect:/compte";
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
