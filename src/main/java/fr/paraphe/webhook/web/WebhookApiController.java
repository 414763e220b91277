package fr.paraphe.webhook.web;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.ApiKeys;
import fr.paraphe.webhook.internal.Delivery;
import fr.paraphe.webhook.internal.Endpoint;
import fr.paraphe.webhook.internal.Webhooks;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhooks}: the firm's software lists, registers and deletes its webhook endpoints, rotates their
 * secrets, reads their delivery logs, sends a delivery again and a test event. Authenticated by a firm API key
 * ({@code Authorization: Bearer …}, scope {@code webhooks}), which acts as the owner who created it; errors are
 * problem details.
 */
@RestController
class WebhookApiController {

	private final ApiKeys apiKeys;

	private final Webhooks webhooks;

	WebhookApiController(ApiKeys apiKeys, Webhooks webhooks) {
		this.apiKeys = apiKeys;
		this.webhooks = webhooks;
	}

	/** The body of {@code POST /api/v1/webhooks}. */
	record NewEndpoint(String url, String description, List<String> eventTypes) {
	}

	@GetMapping("/api/v1/webhooks")
	List<Map<String, Object>> list(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		ApiKeys.Caller caller = caller(authorization);
		return webhooks.endpoints(caller.createdBy(), caller.firm()).stream().map(WebhookApiController::view).toList();
	}

	@PostMapping("/api/v1/webhooks")
	ResponseEntity<Map<String, Object>> create(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody(required = false) NewEndpoint body) {
		ApiKeys.Caller caller = caller(authorization);
		if (body == null) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "webhook.error.badUrl");
		}
		Webhooks.Registered registered = webhooks.register(caller.createdBy(), caller.firm(), body.url(),
				body.description(), body.eventTypes());
		Map<String, Object> view = view(registered.endpoint());
		view.put("secret", registered.secret());
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + registered.endpoint().id())).body(view);
	}

	@GetMapping("/api/v1/webhooks/{id}")
	Map<String, Object> get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = caller(authorization);
		return view(webhooks.endpoint(caller.createdBy(), caller.firm(), uuid(id)));
	}

	@DeleteMapping("/api/v1/webhooks/{id}")
	ResponseEntity<Void> delete(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = caller(authorization);
		webhooks.delete(caller.createdBy(), caller.firm(), uuid(id));
		return ResponseEntity.noContent().build();
	}

	/** A new secret, returned once; the previous one keeps signing during the overlap. */
	@PostMapping("/api/v1/webhooks/{id}/secret")
	Map<String, Object> rotate(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = caller(authorization);
		Webhooks.Registered rotated = webhooks.rotate(caller.createdBy(), caller.firm(), uuid(id));
		Map<String, Object> view = view(rotated.endpoint());
		view.put("secret", rotated.secret());
		return view;
	}

	@GetMapping("/api/v1/webhooks/{id}/deliveries")
	List<Map<String, Object>> deliveries(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = caller(authorization);
		return webhooks.deliveries(caller.createdBy(), caller.firm(), uuid(id))
			.stream()
			.map(WebhookApiController::view)
			.toList();
	}

	@PostMapping("/api/v1/webhooks/{id}/deliveries/{delivery}/resend")
	ResponseEntity<Void> resend(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id, @PathVariable("delivery") String delivery) {
		ApiKeys.Caller caller = caller(authorization);
		webhooks.resend(caller.createdBy(), caller.firm(), uuid(id), uuid(delivery));
		return ResponseEntity.accepted().build();
	}

	@PostMapping("/api/v1/webhooks/{id}/test")
	ResponseEntity<Map<String, Object>> test(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = caller(authorization);
		return ResponseEntity.accepted().body(view(webhooks.sendTest(caller.createdBy(), caller.firm(), uuid(id))));
	}

	static Map<String, Object> view(Endpoint endpoint) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", endpoint.id().toString());
		view.put("url", endpoint.url());
		view.put("description", endpoint.description());
		view.put("eventTypes", endpoint.eventTypes());
		view.put("enabled", endpoint.enabled());
		view.put("createdAt", text(endpoint.createdAt()));
		view.put("previousSecretUntil", text(endpoint.previousSecretUntil()));
		view.put("disabledAt", text(endpoint.disabledAt()));
		return view;
	}

	static Map<String, Object> view(Delivery delivery) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", delivery.webhookId());
		view.put("eventId", delivery.eventId().toString());
		view.put("type", delivery.eventType());
		view.put("createdAt", text(delivery.createdAt()));
		view.put("status", delivery.status());
		view.put("attempts", delivery.attempts());
		view.put("lastAttemptAt", text(delivery.lastAttemptAt()));
		view.put("lastStatusCode", delivery.lastStatusCode());
		view.put("lastLatencyMs", delivery.lastLatencyMillis());
		view.put("lastError", delivery.lastError());
		view.put("nextAttemptAt", text(delivery.nextAttemptAt()));
		view.put("deliveredAt", text(delivery.deliveredAt()));
		return view;
	}

	private static String text(Instant instant) {
		return instant == null ? null : instant.toString();
	}

	private ApiKeys.Caller caller(String authorization) {
		String secret = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				? authorization.substring(7).trim() : null;
		return apiKeys.authenticate(secret)
			.orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "signing.api.unauthorized"));
	}

	/** An id that is not a UUID, or a delivery id not in {@code msg_…} form, names nothing: 404. */
	static UUID uuid(String id) {
		String text = id == null ? "" : id.startsWith("msg_") && id.length() == 36
				? id.substring(4, 12) + "-" + id.substring(12, 16) + "-" + id.substring(16, 20) + "-"
						+ id.substring(20, 24) + "-" + id.substring(24)
				: id;
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException notAnId) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "webhook.error.notFound");
		}
	}

}
