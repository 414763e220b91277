package fr.paraphe.collection.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import fr.paraphe.collection.internal.Attachments;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.ProblemException;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The firm's side of the pièces justificatives: {@code /collectes/<id>/pieces/<attachment>} downloads one (always
 * as an attachment, never shown inline), and the collection's page lists them ({@link OnCollectionPage}).
 */
@Controller
class AttachmentPagesController {

	private final Attachments attachments;

	private final Firms firms;

	AttachmentPagesController(Attachments attachments, Firms firms) {
		this.attachments = attachments;
		this.firms = firms;
	}

	@GetMapping("/collectes/{id}/pieces/{attachment}")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@PathVariable("attachment") UUID attachment) {
		Membership member = firms.membershipOf(principal.user().id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
		var file = attachments.download(member.user(), member.firm(), id, attachment);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.mediaType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(file.content());
	}

	/** Puts {@code attachments} (what the signers provided) in the model of the collection's page. */
	@ControllerAdvice(assignableTypes = CollectionPagesController.class)
	static class OnCollectionPage {

		private final Attachments attachments;

		private final Firms firms;

		OnCollectionPage(Attachments attachments, Firms firms) {
			this.attachments = attachments;
			this.firms = firms;
		}

		@ModelAttribute
		void attachments(@AuthenticationPrincipal Object principal, HttpServletRequest request, Model model) {
			List<Attachments.Attachment> found = List.of();
			String path = request.getRequestURI().substring(request.getContextPath().length());
			java.util.regex.Matcher page = java.util.regex.Pattern.compile("/collectes/([0-9a-fA-F-]{36})").matcher(path);
			if ("GET".equals(request.getMethod()) && page.matches() && principal instanceof ParapheUser user) {
				try {
					Membership member = firms.membershipOf(user.user().id()).orElse(null);
					if (member != null) {
						found = attachments.of(member.user(), member.firm(), UUID.fromString(page.group(1)));
					}
				}
				catch (ProblemException | IllegalArgumentException refused) {
					// the page itself answers (404, 403)
				}
			}
			model.addAttribute("attachments", found);
		}

	}

}
