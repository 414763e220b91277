package fr.paraphe.signing.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.UUID;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.Appearance;
import fr.paraphe.signing.PersonalSignatures;
import fr.paraphe.signing.SignatureLevel;

import org.springframework.http.ContentDisposition;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /signer}: a user with a signing certificate uploads a PDF, places the signature (page and box, or
 * invisible), confirms with the one-time code sent by e-mail and downloads the signed PDF.
 */
@Controller
class SigningPageController {

	private final PersonalSignatures signatures;

	SigningPageController(PersonalSignatures signatures) {
		this.signatures = signatures;
	}

	@GetMapping("/signer")
	String form(@AuthenticationPrincipal ParapheUser principal, Model model) {
		model.addAttribute("certificate", signatures.certificateOf(principal.user().id())
			.map(certificate -> certificate.subject())
			.orElse(null));
		return "signing/sign";
	}

	@PostMapping("/signer")
	String prepare(@AuthenticationPrincipal ParapheUser principal, Locale locale,
			@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(name = "visible", defaultValue = "false") boolean visible,
			@RequestParam(name = "page", defaultValue = "1") int page,
			@RequestParam(name = "x", defaultValue = "36") float x, @RequestParam(name = "y", defaultValue = "36") float y,
			@RequestParam(name = "width", defaultValue = "220") float width,
			@RequestParam(name = "height", defaultValue = "70") float height,
			@RequestParam(name = "reason", required = false) String reason, RedirectAttributes redirect) {
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("failure", "signing.api.noFile");
			return "redirect:/signer";
		}
		try {
			UUID id = signatures.prepare(principal.user(), locale, file.getOriginalFilename(), file.getBytes(),
					SignatureLevel.B_LT, reason == null || reason.isBlank() ? null : reason.strip(),
					visible ? Appearance.box(page, x, y, width, height) : null);
			return "redirect:/signer/" + id;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ProblemException problem) {
			if (problem.getStatusCode().value() == 403 || problem.getStatusCode().value() == 404) {
				throw problem;
			}
			redirect.addFlashAttribute("failure", problem.messageKey());
			return "redirect:/signer";
		}
	}

	@GetMapping("/signer/{id}")
	String request(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id, Model model) {
		PersonalSignatures.Request request = signatures.find(principal.user().id(), id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
		model.addAttribute("request", request);
		return "signing/confirm";
	}

	@PostMapping("/signer/{id}/confirmation")
	String confirm(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@RequestParam(name = "code", required = false) String code, RedirectAttributes redirect) {
		try {
			signatures.confirm(principal.user().id(), id, code);
			redirect.addFlashAttribute("success", "signing.page.signed");
		}
		catch (ProblemException problem) {
			if (problem.getStatusCode().value() == 403 || problem.getStatusCode().value() == 404) {
				throw problem;
			}
			redirect.addFlashAttribute("failure", problem.messageKey());
		}
		return "redirect:/signer/" + id;
	}

	@GetMapping("/signer/{id}/document.pdf")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id) {
		PersonalSignatures.Request request = signatures.find(principal.user().id(), id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
		byte[] signed = signatures.signed(principal.user().id(), id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
		String name = request.fileName().toLowerCase(Locale.ROOT).endsWith(".pdf")
				? request.fileName().substring(0, request.fileName().length() - 4) + "-signe.pdf"
				: request.fileName() + "-signe.pdf";
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.body(signed);
	}

}
