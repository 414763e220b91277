package fr.paraphe.identity.web;

import java.util.List;

import fr.paraphe.identity.Users;

import fr.paraphe.identity.PlatformAdminOnly;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The users of the platform, for its administrators, {@code /api/v1/admin/users}.
 */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminUsersApiController {

	private final Users users;

	AdminUsersApiController(Users users) {
		this.users = users;
	}

	@GetMapping
	@PlatformAdminOnly
	List<MeApiController.UserView> list(@RequestParam(defaultValue = "100") int limit) {
		return users.listForAdministration(limit).stream().map(MeApiController.UserView::of).toList();
	}

}
