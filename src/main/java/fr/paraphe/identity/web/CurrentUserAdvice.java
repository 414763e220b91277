package fr.paraphe.identity.web;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.identity.User;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the logged-in user (or null) and the path asked for in every page's model, for the shared layout.
 */
@ControllerAdvice
class CurrentUserAdvice {

	@ModelAttribute("currentUser")
	User currentUser(@AuthenticationPrincipal Object principal) {
		return principal instanceof ParapheUser user ? user.user() : null;
	}

	/** The path asked for, so that the layout marks the current page's link ({@code aria-current}). */
	@ModelAttribute("currentPath")
	String currentPath(jakarta.servlet.http.HttpServletRequest request) {
		return request.getRequestURI();
	}

}
