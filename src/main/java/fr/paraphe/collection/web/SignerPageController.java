package fr.paraphe.collection.web;

import java.util.List;

import fr.paraphe.collection.internal.Attachments;
import fr.paraphe.collection.internal.SignerDesk;
import fr.paraphe.collection.internal.SignerInput;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /collecte/<token>}: a signer's page, without an account. A link that is no signer's (guessed, or replaced by
 * a newer one) gets a French page saying so, as does a signer whose turn has not come or who is done; the page
 * never names another signer.
 */
@Controller
class SignerPageController {

	private final SignerDesk desk;

	private final Attachments attachments;

	SignerPageController(SignerDesk desk, Attachments attachments) {
		this.desk = desk;
		this.attachments = attachments;
	}

	@GetMapping("/collecte/{token}")
	String page(@PathVariable("token") String token, @AuthenticationPrincipal ParapheUser principal, Model model,
			HttpServletRequest request) {
		SignerDesk.Visit visit = desk.open(token, CollectionApiController.origin(request));
		model.addAttribute("visit", visit);
		model.addAttribute("token", token);
		model.addAttribute("loggedInAsSigner", principal != null && visit.member() && desk.isMemberSigner(token,
				principal.user().id()));
		return "collection/signer";
	}

	@GetMapping(path = "/collecte/{token}/documents/{number}/pages/{page}.png", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> picture(@PathVariable("token") String token, @PathVariable("number") int number,
			@PathVariable("page") int page) {
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofMinutes(10)).cachePrivate())
			.body(desk.pagePicture(token, number, page));
	}

	@GetMapping("/collecte/{token}/documents/{number}.pdf")
	ResponseEntity<byte[]> document(@PathVariable("token") String token, @PathVariable("number") int number) {
		var version = desk.document(token, number);
		return CollectionApiController.pdf(version.pdf(), version.fileName());
	}

	@GetMapping("/collecte/{token}/attestation.pdf")
	ResponseEntity<byte[]> attestation(@PathVariable("token") String token) {
		return CollectionApiController.pdf(desk.attestation(token), "attestation-de-signature.pdf");
	}

	@PostMapping("/collecte/{token}/code")
	String code(@PathVariable("token") String token, @RequestParam(name = "consent", defaultValue = "false") boolean consent,
			@AuthenticationPrincipal ParapheUser principal, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			List<String> sentTo = desk.sendCode(token, consent, userOf(principal), CollectionApiController.origin(request));
			redirect.addFlashAttribute("codeSent", String.join(", ", sentTo));
		}
		catch (ProblemException problem) {
			flash(problem, redirect);
		}
		return "redirect:/collecte/" + token;
	}

	@PostMapping("/collecte/{token}/signature")
	String sign(@PathVariable("token") String token, @RequestParam(name = "code", required = false) String code,
			@RequestParam(name = "mention", required = false) String mention,
			@RequestParam(name = "city", required = false) String city,
			@AuthenticationPrincipal ParapheUser principal, HttpServletRequest request, RedirectAttributes redirect) {
		redirect.addFlashAttribute("typedMention", mention);
		redirect.addFlashAttribute("typedCity", city);
		return step(token, redirect, "collection.signer.signedNow", () -> desk.sign(token, code,
				new SignerInput(mention, city), userOf(principal), CollectionApiController.origin(request)));
	}

	/** A document the signer provides (pièce justificative): one file per request, checked by its first bytes. */
	@PostMapping("/collecte/{token}/pieces/{number}")
	String provide(@PathVariable("token") String token, @PathVariable("number") int number,
			@RequestParam(name = "file", required = false) List<MultipartFile> files,
			@AuthenticationPrincipal ParapheUser principal, HttpServletRequest request, RedirectAttributes redirect) {
		boolean codeShown = request.getParameter("codeShown") != null;
		String page = step(token, redirect, "collection.signer.attachmentSaved", () -> {
			if (files == null || files.isEmpty() || files.get(0).isEmpty()) {
				throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST,
						"collection.error.attachmentEmpty");
			}
			if (files.size() > 1) {
				throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST,
						"collection.error.attachmentCount");
			}
			MultipartFile file = files.get(0);
			if (file.getSize() > attachments.maxBytes()) {
				throw new ProblemException(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE,
						"collection.error.attachmentTooLarge", attachments.maxBytes() / (1024 * 1024));
			}
			try {
				attachments.provide(token, number, file.getOriginalFilename(), file.getBytes(), userOf(principal),
						CollectionApiController.origin(request));
			}
			catch (java.io.IOException unreadable) {
				throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST,
						"collection.error.attachmentEmpty");
			}
		});
		if (codeShown) {
			// the code was sent before the upload: the signing form stays open
			redirect.addFlashAttribute("codeSent", "");
		}
		return page;
	}

	@PostMapping("/collecte/{token}/refus")
	String decline(@PathVariable("token") String token, @RequestParam(name = "reason", required = false) String reason,
			@AuthenticationPrincipal ParapheUser principal, HttpServletRequest request, RedirectAttributes redirect) {
		return step(token, redirect, "collection.signer.declinedNow",
				() -> desk.decline(token, reason, userOf(principal), CollectionApiController.origin(request)));
	}

	/** Runs a signer's step; its refusal is shown on their page (a wrong code keeps the code's form open). */
	private static String step(String token, RedirectAttributes redirect, String success, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("success", success);
		}
		catch (ProblemException problem) {
			flash(problem, redirect);
			if ("collection.error.badCode".equals(problem.messageKey())) {
				redirect.addFlashAttribute("codeSent", "");
			}
		}
		return "redirect:/collecte/" + token;
	}

	/** A link that opens nothing: a page that says so, in French, with its status. */
	@ExceptionHandler(ProblemException.class)
	String refused(ProblemException problem, Model model, HttpServletResponse response) {
		return refusedPage(problem, model, response);
	}

	/** The French page of a personal link that opens nothing (signer's or recipient in copy's), with its status. */
	static String refusedPage(ProblemException problem, Model model, HttpServletResponse response) {
		response.setStatus(problem.getStatusCode().value());
		model.addAttribute("refusal", problem.messageKey());
		model.addAttribute("refusalArguments", problem.arguments());
		return "collection/signer-refused";
	}

	private static void flash(ProblemException problem, RedirectAttributes redirect) {
		if (problem.getStatusCode().value() == 404) {
			throw problem;
		}
		redirect.addFlashAttribute("failure", problem.messageKey());
		// kept as it is: a number stays a number for the messages that format it ({0,choice,...})
		Object argument = problem.arguments().length == 0 ? "" : problem.arguments()[0];
		redirect.addFlashAttribute("failureArgument",
				argument instanceof Number || argument instanceof String ? argument : String.valueOf(argument));
	}

	private static UserId userOf(ParapheUser principal) {
		return principal == null ? null : principal.user().id();
	}

}
