package fr.paraphe.signing.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.Appearance;
import fr.paraphe.signing.FirmSeals;
import fr.paraphe.signing.SignatureLevel;
import fr.paraphe.signing.SignatureParameters;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /cachet}: a member holding the SEAL delegation (an owner holds them all) seals a PDF with the firm's seal
 * and downloads it as {@code <name>-cachete.pdf}. {@link FirmSeals} checks the delegation, the CGU and the balance
 * again and debits the firm. A refusal of the document or of the operation comes back on the page, in the
 * person's language, with the status that says why; no delegation (or no firm) is the 403 (404) error page.
 */
@Controller
class SealPageController {

	private final FirmSeals seals;

	private final Firms firms;

	private final SignatureLevel defaultLevel;

	SealPageController(FirmSeals seals, Firms firms,
			@Value("${paraphe.signing.default-level:B_LT}") String defaultLevel) {
		this.seals = seals;
		this.firms = firms;
		this.defaultLevel = SignatureLevel.parse(defaultLevel).orElse(SignatureLevel.B_LT);
	}

	@GetMapping("/cachet")
	String form(@AuthenticationPrincipal ParapheUser principal, Model model) {
		Membership member = sealer(principal);
		prepare(model.asMap(), member);
		return "signing/seal";
	}

	@PostMapping("/cachet")
	ModelAndView seal(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(name = "level", required = false) String level,
			@RequestParam(name = "visible", required = false) String visible,
			@RequestParam(name = "page", required = false) String page, @RequestParam(name = "x", required = false) String x,
			@RequestParam(name = "y", required = false) String y,
			@RequestParam(name = "width", required = false) String width,
			@RequestParam(name = "height", required = false) String height,
			@RequestParam(name = "reason", required = false) String reason,
			@RequestParam(name = "certify", required = false) String certify, HttpServletResponse response) {
		Membership member = sealer(principal);
		Path input = null;
		Path output = null;
		try {
			if (file == null || file.isEmpty()) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.sealPage.noFile");
			}
			SignatureLevel chosen = level == null || level.isBlank() ? defaultLevel
					: SignatureLevel.parse(level)
						.orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badLevel"));
			String why = reason == null || reason.isBlank() ? null : reason.strip();
			if (why != null && (why.length() > 200 || why.chars().anyMatch(Character::isISOControl))) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.sealPage.badReason");
			}
			SignatureParameters parameters = new SignatureParameters(chosen, null, null, why, null, null, null, 0);
			if ("true".equals(certify)) {
				// A certification seal (ISO 32000-1 §12.8.2.2, DocMDP P=2): later signatures and form filling only.
				parameters = parameters.withCertification(2);
			}
			if ("true".equals(visible)) {
				parameters = parameters.withAppearance(Appearance.box(integer(page, 1), number(x, 36), number(y, 36),
						number(width, 220), number(height, 70)), null);
			}
			input = Files.createTempFile("paraphe-seal-page-in-", ".pdf");
			output = Files.createTempFile("paraphe-seal-page-out-", ".pdf");
			file.transferTo(input);
			seals.seal(member.firm(), principal.user().id(), input, output, parameters);
			download(response, output, sealedName(file.getOriginalFilename()));
			return null;
		}
		catch (ProblemException problem) {
			int status = problem.getStatusCode().value();
			if ((status == 403 && problem.linkPath() == null) || status == 404) {
				throw problem;
			}
			ModelAndView refusal = new ModelAndView("signing/seal", HttpStatus.valueOf(status));
			refusal.addObject("failure", failureKey(problem));
			refusal.addObject("failureArguments", problem.arguments());
			refusal.addObject("failureLink", link(problem));
			refusal.addObject("failureLinkText", linkText(problem));
			prepare(refusal.getModel(), member);
			return refusal;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(input);
			delete(output);
		}
	}

	private void prepare(java.util.Map<String, Object> model, Membership member) {
		model.put("levels", SignatureLevel.values());
		model.put("defaultLevel", defaultLevel);
		model.put("owner", member.isOwner());
	}

	/** The member's place in their firm, with the SEAL delegation. @throws ProblemException 404, 403 */
	private Membership sealer(ParapheUser principal) {
		Membership membership = firms.membershipOf(principal.user().id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
		return firms.require(principal.user().id(), membership.firm(), Delegation.SEAL);
	}

	/** The page's own wording where the API's would not fit a person (no seal, balance short). */
	private static String failureKey(ProblemException problem) {
		return switch (problem.messageKey()) {
			case "signing.error.noSeal" -> "signing.sealPage.noSeal";
			case "billing.insufficient" -> "signing.sealPage.insufficient";
			default -> problem.messageKey();
		};
	}

	private static String link(ProblemException problem) {
		if ("billing.insufficient".equals(problem.messageKey())) {
			return "/cabinet/compte";
		}
		return problem.linkPath();
	}

	private static String linkText(ProblemException problem) {
		if ("billing.insufficient".equals(problem.messageKey())) {
			return "signing.sealPage.accountLink";
		}
		return problem.linkTextKey();
	}

	private static void download(HttpServletResponse response, Path sealed, String name) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_PDF_VALUE);
		response.setContentLengthLong(Files.size(sealed));
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		try (InputStream in = Files.newInputStream(sealed); OutputStream out = response.getOutputStream()) {
			in.transferTo(out);
		}
	}

	static String sealedName(String original) {
		String name = original == null ? "" : original.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).strip();
		if (name.isEmpty() || name.chars().anyMatch(Character::isISOControl)) {
			name = "document.pdf";
		}
		String base = name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name.substring(0, name.length() - 4) : name;
		return (base.isEmpty() ? "document" : base) + "-cachete.pdf";
	}

	private static int integer(String value, int otherwise) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException notANumber) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
		}
	}

	private static float number(String value, float otherwise) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		try {
			float parsed = Float.parseFloat(value.strip().replace(',', '.'));
			if (!Float.isFinite(parsed)) {
				throw new NumberFormatException(value);
			}
			return parsed;
		}
		catch (NumberFormatException notANumber) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
		}
	}

	private static void delete(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ignored) {
				// a temporary file
			}
		}
	}

}
