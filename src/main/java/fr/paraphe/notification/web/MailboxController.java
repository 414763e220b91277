package fr.paraphe.notification.web;

import java.util.UUID;

import fr.paraphe.notification.MailProperties;
import fr.paraphe.notification.Notifications;
import fr.paraphe.shared.ProblemException;

import org.springframework.http.HttpStatus;
import fr.paraphe.identity.PlatformAdminOnly;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The mailbox of every message the platform sent (or, in the demonstration set-up, captured): for
 * platform administrators. Shows the text part only: the HTML part is never rendered here.
 */
@Controller
@RequestMapping("/admin/courriels")
@PlatformAdminOnly
class MailboxController {

	private final Notifications notifications;

	private final MailProperties properties;

	MailboxController(Notifications notifications, MailProperties properties) {
		this.notifications = notifications;
		this.properties = properties;
	}

	@GetMapping
	String mailbox(Model model) {
		model.addAttribute("messages", notifications.latest(200));
		model.addAttribute("captureOnly", properties.mode() == MailProperties.Mode.CAPTURE);
		return "notification/mailbox";
	}

	@GetMapping("/{id}")
	String message(@PathVariable("id") UUID id, Model model) {
		model.addAttribute("message", notifications.find(id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "mailbox.notFound")));
		return "notification/message";
	}

}
