package fr.paraphe.webhook.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.webhook.internal.Delivery;
import fr.paraphe.webhook.internal.EventType;
import fr.paraphe.webhook.internal.Webhooks;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /cabinet/webhooks}: the firm owner registers webhook endpoints and the events each receives; on an
 * endpoint's page, its delivery log, "Renvoyer", "Envoyer un événement de test", the secret's rotation, deletion.
 * A secret is shown once, right after its creation or rotation.
 */
@Controller
class WebhookPageController {

	private static final String LIST = "redirect:/cabinet/webhooks";

	private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
		.withZone(ZoneId.of("Europe/Paris"));

	private final Webhooks webhooks;

	private final Firms firms;

	WebhookPageController(Webhooks webhooks, Firms firms) {
		this.webhooks = webhooks;
		this.firms = firms;
	}

	/** An event type with its label's key, for the check boxes. */
	record TypeView(String name, String id) {
	}

	/** A delivery as the log shows it, times in Paris time. */
	record DeliveryView(String id, String webhookId, String type, String createdAt, String status, int attempts,
			String lastAttemptAt, Integer statusCode, Long latency, String error, String nextAttemptAt) {
	}

	@GetMapping("/cabinet/webhooks")
	String page(@AuthenticationPrincipal ParapheUser principal, Model model) {
		Membership owner = owner(principal);
		model.addAttribute("endpoints", webhooks.endpoints(principal.user().id(), owner.firm()));
		model.addAttribute("types", types());
		return "webhook/endpoints";
	}

	@PostMapping("/cabinet/webhooks")
	String create(@AuthenticationPrincipal ParapheUser principal, @RequestParam(name = "url", required = false) String url,
			@RequestParam(name = "description", required = false) String description,
			@RequestParam(name = "types", required = false) List<String> types, RedirectAttributes redirect) {
		Membership owner = owner(principal);
		try {
			Webhooks.Registered registered = webhooks.register(principal.user().id(), owner.firm(), url, description,
					types);
			redirect.addFlashAttribute("secret", registered.secret());
			redirect.addFlashAttribute("success", "webhook.created");
			return "redirect:/cabinet/webhooks/" + registered.endpoint().id();
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
			redirect.addFlashAttribute("enteredUrl", url == null ? "" : url);
			redirect.addFlashAttribute("enteredDescription", description == null ? "" : description);
			return LIST;
		}
	}

	@GetMapping("/cabinet/webhooks/{id}")
	String endpoint(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") String id, Model model) {
		Membership owner = owner(principal);
		UUID endpoint = WebhookApiController.uuid(id);
		model.addAttribute("endpoint", webhooks.endpoint(principal.user().id(), owner.firm(), endpoint));
		model.addAttribute("deliveries", webhooks.deliveries(principal.user().id(), owner.firm(), endpoint)
			.stream()
			.map(WebhookPageController::view)
			.toList());
		return "webhook/endpoint";
	}

	@PostMapping("/cabinet/webhooks/{id}/secret")
	String rotate(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") String id,
			RedirectAttributes redirect) {
		Membership owner = owner(principal);
		Webhooks.Registered rotated = webhooks.rotate(principal.user().id(), owner.firm(), WebhookApiController.uuid(id));
		redirect.addFlashAttribute("secret", rotated.secret());
		redirect.addFlashAttribute("success", "webhook.rotated");
		return "redirect:/cabinet/webhooks/" + rotated.endpoint().id();
	}

	@PostMapping("/cabinet/webhooks/{id}/test")
	String test(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") String id,
			RedirectAttributes redirect) {
		Membership owner = owner(principal);
		UUID endpoint = WebhookApiController.uuid(id);
		return outcome(redirect, endpoint, "webhook.testSent",
				() -> webhooks.sendTest(principal.user().id(), owner.firm(), endpoint));
	}

	@PostMapping("/cabinet/webhooks/{id}/livraisons/{delivery}/renvoi")
	String resend(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") String id,
			@PathVariable("delivery") String delivery, RedirectAttributes redirect) {
		Membership owner = owner(principal);
		UUID endpoint = WebhookApiController.uuid(id);
		UUID parsed = WebhookApiController.uuid(delivery);
		return outcome(redirect, endpoint, "webhook.resent",
				() -> webhooks.resend(principal.user().id(), owner.firm(), endpoint, parsed));
	}

	@PostMapping("/cabinet/webhooks/{id}/activation")
	String enable(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") String id,
			RedirectAttributes redirect) {
		Membership owner = owner(principal);
		UUID endpoint = WebhookApiController.uuid(id);
		return outcome(redirect, endpoint, "webhook.enabled",
				() -> webhooks.enable(principal.user().id(), owner.firm(), endpoint));
	}

	@PostMapping("/cabinet/webhooks/{id}/suppression")
	String delete(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") String id,
			RedirectAttributes redirect) {
		Membership owner = owner(principal);
		webhooks.delete(principal.user().id(), owner.firm(), WebhookApiController.uuid(id));
		redirect.addFlashAttribute("success", "webhook.deleted");
		return LIST;
	}

	/** A refusal of the request itself (409) is shown on the page; 403 and 404 go to the error page. */
	private static String outcome(RedirectAttributes redirect, UUID endpoint, String success, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("success", success);
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
		}
		return "redirect:/cabinet/webhooks/" + endpoint;
	}

	static List<TypeView> types() {
		return java.util.Arrays.stream(EventType.values())
			.map(type -> new TypeView(type.wireName(), "type-" + type.wireName().replace('.', '-').replace('_', '-')))
			.toList();
	}

	private static DeliveryView view(Delivery delivery) {
		return new DeliveryView(delivery.id().toString(), delivery.webhookId(), delivery.eventType(),
				format(delivery.createdAt()), delivery.status(), delivery.attempts(), format(delivery.lastAttemptAt()),
				delivery.lastStatusCode(), delivery.lastLatencyMillis(), delivery.lastError(),
				format(delivery.nextAttemptAt()));
	}

	private static String format(Instant instant) {
		return instant == null ? null : DAY_TIME.format(instant);
	}

	private Membership owner(ParapheUser principal) {
		Membership membership = firms.membershipOf(principal.user().id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
		return firms.requireOwner(principal.user().id(), membership.firm());
	}

}
