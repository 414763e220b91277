package fr.paraphe.registration.web;

import java.util.UUID;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.registration.internal.Registrations;
import fr.paraphe.shared.ProblemException;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * The registration officers' review: the queue, one registration with its documents, approval and
 * rejection. {@link Registrations} checks the role on every call.
 */
@Controller
@RequestMapping("/verification")
class ReviewController {

	private final Registrations registrations;

	ReviewController(Registrations registrations) {
		this.registrations = registrations;
	}

	@GetMapping
	String queue(@AuthenticationPrincipal ParapheUser principal, Model model) {
		model.addAttribute("queue", registrations.queue(principal.user()));
		return "registration/queue";
	}

	@GetMapping("/{id}")
	String review(@AuthenticationPrincipal ParapheUser principal, @PathVariable String id, Model model) {
		model.addAttribute("registration", registrations.forReview(principal.user(), uuid(id)));
		return "registration/review";
	}

	@GetMapping("/{id}/documents/{document}")
	ResponseEntity<byte[]> document(@AuthenticationPrincipal ParapheUser principal, @PathVariable String id,
			@PathVariable String document) {
		Registrations.Document content = registrations.document(principal.user(), uuid(id), uuid(document));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(content.mediaType()))
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
			.header("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox")
			.body(content.content());
	}

	@PostMapping("/{id}/approuver")
	String approve(@AuthenticationPrincipal ParapheUser principal, @PathVariable String id,
			RedirectAttributes redirect) {
		registrations.approve(principal.user(), uuid(id));
		redirect.addFlashAttribute("success", "registration.review.approved");
		return "redirect:/verification";
	}

	@PostMapping("/{id}/refuser")
	String reject(@AuthenticationPrincipal ParapheUser principal, @PathVariable String id,
			@RequestParam(name = "motif", required = false) String reason, RedirectAttributes redirect) {
		registrations.reject(principal.user(), uuid(id), reason);
		redirect.addFlashAttribute("success", "registration.review.rejected");
		return "redirect:/verification";
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
