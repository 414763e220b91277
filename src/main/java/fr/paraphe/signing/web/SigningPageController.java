package fr.paraphe.signing.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.terms.Terms;
import fr.paraphe.pades.Appearance;
import fr.paraphe.signing.PersonalSignatures;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.signing.internal.SigningProperties;

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
 * {@code /signer}: a user with a signing certificate uploads a PDF, places the signature on a picture of the page
 * (or chooses an invisible one), confirms with the one-time code sent by e-mail and downloads the signed PDF.
 */
@Controller
class SigningPageController {

	private final PersonalSignatures signatures;

	private final long maxMegabytes;

	private final fr.paraphe.firm.Firms firms;

	private final fr.paraphe.signing.internal.Documents documents;

	SigningPageController(PersonalSignatures signatures, SigningProperties properties, fr.paraphe.firm.Firms firms,
			fr.paraphe.signing.internal.Documents documents) {
		this.signatures = signatures;
		this.documents = documents;
		this.firms = firms;
		this.maxMegabytes = properties.maxSize().toMegabytes();
	}

	@GetMapping("/signer")
	String form(@AuthenticationPrincipal ParapheUser principal, Model model) {
		model.addAttribute("certificate", signatures.certificateOf(principal.user().id())
			.map(certificate -> certificate.subject())
			.orElse(null));
		model.addAttribute("maxMegabytes", maxMegabytes);
		// Without the SIGN delegation, that is what stands in the way, whatever the certificate.
		model.addAttribute("mayNotSign", firms.membershipOf(principal.user().id())
			.map(membership -> !membership.may(fr.paraphe.firm.Delegation.SIGN))
			.orElse(true));
		return "signing/sign";
	}

	@PostMapping("/signer")
	String upload(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(name = "reason", required = false) String reason, RedirectAttributes redirect) {
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("failure", "signing.api.noFile");
			return "redirect:/signer";
		}
		try {
			UUID id = signatures.upload(principal.user(), file.getOriginalFilename(), file.getBytes(),
					SignatureLevel.B_LT, reason == null || reason.isBlank() ? null : reason.strip());
			return "redirect:/signer/" + id + "/emplacement";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ProblemException problem) {
			return back(Terms.resumable(problem, "/signer"), redirect, "redirect:/signer");
		}
	}

	@GetMapping("/signer/{id}/emplacement")
	String placement(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@RequestParam(name = "page", defaultValue = "1") int page, Model model) {
		PersonalSignatures.Request request = find(principal, id);
		if (request.signed()) {
			return "redirect:/signer/" + id;
		}
		return new PlacementPage("/signer/" + id, request.fileName(), "signing.place.title", "signing.place.help",
				"signing.place.boxLabel", "signing.page.visible", "signing.page.sendCode")
			.show(model.asMap(), signatures.pageSizes(principal.user().id(), id), page);
	}

	@GetMapping(path = "/signer/{id}/pages/{page}.png", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> picture(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@PathVariable("page") int page) {
		return PlacementPage.picture(signatures.pagePicture(principal.user().id(), id, page));
	}

	@PostMapping("/signer/{id}/emplacement")
	String place(@AuthenticationPrincipal ParapheUser principal, Locale locale, @PathVariable("id") UUID id,
			@RequestParam(name = "visible", defaultValue = "false") boolean visible,
			@RequestParam(name = "page", defaultValue = "1") int page,
			@RequestParam(name = "x", required = false) Float x, @RequestParam(name = "y", required = false) Float y,
			@RequestParam(name = "width", required = false) Float width,
			@RequestParam(name = "height", required = false) Float height, RedirectAttributes redirect) {
		try {
			signatures.place(principal.user(), locale, id,
					visible ? Appearance.boxOrDefault(page, x, y, width, height) : null);
			return "redirect:/signer/" + id;
		}
		catch (ProblemException problem) {
			return back(problem, redirect, "redirect:/signer/" + id + "/emplacement?page=" + Math.max(1, page));
		}
	}

	@GetMapping("/signer/{id}")
	String request(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id, Model model) {
		PersonalSignatures.Request request = find(principal, id);
		if (!request.placed()) {
			return "redirect:/signer/" + id + "/emplacement";
		}
		model.addAttribute("request", request);
		if (request.signed()) {
			// The confirmation (reached by POST, redirect, GET: a reload or Back signs nothing again): the signed
			// PDF's digest names its entry in the firm's documents.
			signatures.signed(principal.user().id(), id)
				.flatMap(signed -> documents.findBySha256(principal.user().id(), fr.paraphe.shared.Sha256.hex(signed)))
				.ifPresent(document -> model.addAttribute("document", document));
		}
		return "signing/confirm";
	}

	/** "Recevoir un nouveau code": a burned or expired code is replaced, and the page says so. */
	@PostMapping("/signer/{id}/code")
	String newCode(@AuthenticationPrincipal ParapheUser principal, Locale locale, @PathVariable("id") UUID id,
			RedirectAttributes redirect) {
		try {
			signatures.sendNewCode(principal.user(), locale, id);
			redirect.addFlashAttribute("success", "signing.page.newCodeSent");
		}
		catch (ProblemException problem) {
			return back(problem, redirect, "redirect:/signer/" + id);
		}
		return "redirect:/signer/" + id;
	}

	@PostMapping("/signer/{id}/confirmation")
	String confirm(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@RequestParam(name = "code", required = false) String code, RedirectAttributes redirect) {
		try {
			signatures.confirm(principal.user().id(), id, code);
			redirect.addFlashAttribute("success", "signing.page.signed");
		}
		catch (ProblemException problem) {
			if (find(principal, id).signed()) {
				// A second submission (double click, Back then submit): signed once already, show the confirmation.
				return "redirect:/signer/" + id;
			}
			return back(problem, redirect, "redirect:/signer/" + id);
		}
		return "redirect:/signer/" + id;
	}

	@GetMapping("/signer/{id}/document.pdf")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id) {
		PersonalSignatures.Request request = find(principal, id);
		byte[] signed = signatures.signed(principal.user().id(), id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
		String name = DownloadNames.base(request.fileName()) + "-signe.pdf";
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.body(signed);
	}

	private PersonalSignatures.Request find(ParapheUser principal, UUID id) {
		return signatures.find(principal.user().id(), id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
	}

	/** A refusal shown on the page ({@link PageRefusal}): nothing is told about others' requests. */
	private static String back(ProblemException problem, RedirectAttributes redirect, String target) {
		PageRefusal.flash(problem, redirect);
		return target;
	}

}
