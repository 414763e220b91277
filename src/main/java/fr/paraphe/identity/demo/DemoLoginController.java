package fr.paraphe.identity.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demonstration provider's login page, labelled as such, listing the demonstration accounts.
 */
@Controller
@ConditionalOnBooleanProperty("paraphe.demo-idp.enabled")
class DemoLoginController {

	@GetMapping(DemoIdentityProviderConfiguration.LOGIN_PAGE)
	String login(Model model) {
		model.addAttribute("accounts", DemoAccount.ALL);
		model.addAttribute("password", DemoAccount.PASSWORD);
		return "idp/login";
	}

}
