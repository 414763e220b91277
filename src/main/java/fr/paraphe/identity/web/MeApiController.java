package fr.paraphe.identity.web;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The logged-in user's own profile, {@code /api/v1/me}.
 */
@RestController
@RequestMapping("/api/v1/me")
class MeApiController {

	private final Users users;

	MeApiController(Users users) {
		this.users = users;
	}

	@GetMapping
	ResponseEntity<UserView> me(@AuthenticationPrincipal ParapheUser principal) {
		return users.findById(principal.user().id())
			.map(user -> ResponseEntity.ok(UserView.of(user)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@PutMapping("/preferences")
	ResponseEntity<UserView> preferences(@AuthenticationPrincipal ParapheUser principal,
			@Valid @RequestBody Preferences preferences) {
		return users.changeLanguage(principal.user().id(), preferences.language())
			.map(user -> ResponseEntity.ok(UserView.of(user)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	record Preferences(@NotNull @Pattern(regexp = "fr|en") String language) {
	}

	/** What the API shows of a user. */
	record UserView(String id, String subject, String name, String email, String role, String firmSiren,
			String firmName, String language) {

		static UserView of(User user) {
			return new UserView(user.id().toString(), user.subject(), user.displayName(), user.email(),
					user.role().name(), user.firmSiren() == null ? null : user.firmSiren().value(),
					user.firmName(), user.language());
		}

	}

}
