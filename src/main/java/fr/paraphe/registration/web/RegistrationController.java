package fr.paraphe.registration.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.identity.User;
import fr.paraphe.registration.internal.Civility;
import fr.paraphe.registration.internal.DocumentType;
import fr.paraphe.registration.internal.Identity;
import fr.paraphe.registration.internal.Registration;
import fr.paraphe.registration.internal.Registrations;
import fr.paraphe.registration.internal.DocumentInspector;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.terms.Terms;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "S’enregistrer": the person's identity, their identity document and the CGU; and "Nos conseils pour
 * télécharger votre pièce d’identité".
 */
@Controller
@RequestMapping("/enregistrement")
class RegistrationController {

	private final Registrations registrations;

	private final Terms terms;

	RegistrationController(Registrations registrations, Terms terms) {
		this.registrations = registrations;
		this.terms = terms;
	}

	@GetMapping
	String form(@AuthenticationPrincipal ParapheUser principal, Model model) {
		User user = principal.user();
		if (!model.containsAttribute("form")) {
			Object given = principal.getClaims().get("given_name");
			Object family = principal.getClaims().get("family_name");
			model.addAttribute("form", new RegistrationForm(null, given == null ? "" : given.toString(),
					family == null ? "" : family.toString(), "", "", "FR", "", user.email() == null ? "" : user.email(),
					null));
		}
		return page(user, model);
	}

	@PostMapping
	String submit(@AuthenticationPrincipal ParapheUser principal, @RequestParam(name = "civilite", required = false) String civility,
			@RequestParam(name = "prenoms", required = false) String givenNames,
			@RequestParam(name = "nom", required = false) String surname,
			@RequestParam(name = "dateNaissance", required = false) String birthDate,
			@RequestParam(name = "lieuNaissance", required = false) String birthPlace,
			@RequestParam(name = "nationalite", required = false) String nationality,
			@RequestParam(name = "mobile", required = false) String mobile,
			@RequestParam(name = "email", required = false) String email,
			@RequestParam(name = "typePiece", required = false) String documentType,
			@RequestParam(name = "recto", required = false) MultipartFile front,
			@RequestParam(name = "verso", required = false) MultipartFile back,
			@RequestParam(name = "cguVersion", required = false) Integer termsVersion,
			@RequestParam(name = "cgu", required = false) String termsAccepted, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		User user = principal.user();
		RegistrationForm form = new RegistrationForm(civility, givenNames, surname, birthDate, birthPlace, nationality,
				mobile, email, documentType);
		try {
			Identity identity = new Identity(parse(Civility.class, civility), givenNames, surname, date(birthDate),
					birthPlace, nationality, mobile, email);
			DocumentType type = parse(DocumentType.class, documentType);
			registrations.submit(user, identity, type, bytes(front), bytes(back), termsVersion, termsAccepted != null,
					request.getRemoteAddr());
		}
		catch (ProblemException problem) {
			PageRefusal.show(problem, model.asMap());
			response.setStatus(problem.getStatusCode().value());
			model.addAttribute("form", form);
			return page(user, model);
		}
		redirect.addFlashAttribute("success", "registration.submitted");
		return "redirect:/enregistrement";
	}

	@GetMapping("/conseils")
	String advice() {
		return "registration/advice";
	}

	private String page(User user, Model model) {
		List<Registration> mine = registrations.mine(user.id());
		model.addAttribute("user", user);
		model.addAttribute("maySign", registrations.maySign(user));
		model.addAttribute("certified", registrations.validCertificate(user.id()).isPresent());
		model.addAttribute("latest", mine.isEmpty() ? null : mine.get(0));
		model.addAttribute("pending", mine.stream().anyMatch(Registration::isPending));
		model.addAttribute("terms", terms.current().orElse(null));
		model.addAttribute("civilities", Civility.values());
		model.addAttribute("documentTypes", DocumentType.values());
		model.addAttribute("maxSizeMb", DocumentInspector.MAX_SIZE / (1024 * 1024));
		return "registration/form";
	}

	/** Size is checked before reading, so an oversized file is never held in memory. */
	private static byte[] bytes(MultipartFile file) {
		if (file == null || file.isEmpty()) {
			return file == null ? null : new byte[0];
		}
		if (file.getSize() > DocumentInspector.MAX_SIZE) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "registration.document.tooLarge");
		}
		try {
			return file.getBytes();
		}
		catch (IOException unreadable) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "registration.document.corrupt");
		}
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException unknown) {
			return null;
		}
	}

	private static LocalDate date(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException malformed) {
			return null;
		}
	}

	/** What the person typed, shown again when something is refused. */
	record RegistrationForm(String civilite, String prenoms, String nom, String dateNaissance, String lieuNaissance,
			String nationalite, String mobile, String email, String typePiece) {
	}

}
