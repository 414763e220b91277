package fr.paraphe.identity.web;

import java.util.Set;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.identity.internal.ComptexpertClientRegistrations;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The home page (the user, their firm and role once logged in; the way in otherwise), the login page and
 * the page after logout.
 */
@Controller
class HomeController {

	private final java.util.List<fr.paraphe.identity.HomeNotice> notices;

	HomeController(java.util.List<fr.paraphe.identity.HomeNotice> notices) {
		this.notices = notices;
	}

	private static final Set<String> LOGIN_ERRORS = Set.of("unknown_role", "invalid_firm", "missing_subject",
			"access_denied", "failed");

	@GetMapping("/")
	String home(@AuthenticationPrincipal Object principal, Model model) {
		if (principal instanceof ParapheUser user) {
			model.addAttribute("user", user.user());
			notices.forEach(notice -> model.addAllAttributes(notice.attributesFor(user)));
			return "home";
		}
		return "welcome";
	}

	@GetMapping("/connexion")
	String login(@RequestParam(name = "erreur", required = false) String error, Model model) {
		model.addAttribute("loginUrl", "/oauth2/authorization/" + ComptexpertClientRegistrations.REGISTRATION_ID);
		if (error != null) {
			model.addAttribute("error", LOGIN_ERRORS.contains(error) ? error : "failed");
		}
		return "login";
	}

	@GetMapping("/deconnexion/ok")
	String loggedOut() {
		return "logged-out";
	}

}
