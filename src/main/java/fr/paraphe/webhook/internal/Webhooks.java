package fr.paraphe.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.firm.Firms;
import fr.paraphe.pki.DataEncryption;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.GuardedHttp;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;
import fr.paraphe.webhook.internal.DeliveryStore;
import fr.paraphe.webhook.internal.DeliveryWorker;
import fr.paraphe.webhook.internal.EndpointStore;
import fr.paraphe.webhook.internal.Secrets;
import fr.paraphe.webhook.internal.Signatures;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * A firm's webhook endpoints, managed by its owners (each method checks, through {@link Firms#requireOwner}:
 * 403/404 for anyone else; an endpoint or delivery of another firm is 404), and the outbox the events are written
 * to. A secret is returned once, at creation or rotation, and kept encrypted.
 */
@Service
public class Webhooks {

	/** Endpoints per firm. */
	static final int MAX_ENDPOINTS = 20;

	/** Deliveries the log shows. */
	static final int LOG_SIZE = 100;

	private final EndpointStore endpoints;

	private final DeliveryStore deliveries;

	private final Firms firms;

	private final DataEncryption encryption;

	private final Clock clock;

	private final WebhookProperties properties;

	private final JsonMapper json;

	private final DeliveryWorker worker;

	private final GuardedHttp guard;

	Webhooks(EndpointStore endpoints, DeliveryStore deliveries, Firms firms, DataEncryption encryption, Clock clock,
			WebhookProperties properties, JsonMapper json, DeliveryWorker worker) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.firms = firms;
		this.encryption = encryption;
		this.clock = clock;
		this.properties = properties;
		this.json = json;
		this.worker = worker;
		this.guard = new GuardedHttp(properties.allowList(), properties.timeout(), 0, "Paraphe webhooks");
	}

	/** A registered endpoint or a rotated secret: {@code secret} is shown once and never again. */
	public record Registered(Endpoint endpoint, String secret) {
	}

	/**
	 * Registers an endpoint for the event types chosen.
	 * @param url https (http too in the default profile), whose host resolves to public addresses only (or
	 * allow-listed ones); checked again at each delivery
	 * @throws ProblemException 400 {@code webhook.error.*} for a refused URL, no or unknown event type, a too long
	 * description; 409 beyond {@value #MAX_ENDPOINTS} endpoints
	 */
	@Transactional
	public Registered register(UserId owner, FirmId firm, String url, String description,
			Collection<String> eventTypes) {
		firms.requireOwner(owner, firm);
		String checked = checkUrl(url);
		List<String> types = checkTypes(eventTypes);
		String text = description == null || description.isBlank() ? null : description.strip();
		if (text != null && (text.length() > 200 || text.chars().anyMatch(Character::isISOControl))) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "webhook.error.description");
		}
		if (endpoints.count(firm) >= MAX_ENDPOINTS) {
			throw new ProblemException(HttpStatus.CONFLICT, "webhook.error.tooMany", MAX_ENDPOINTS);
		}
		UUID id = UUID.randomUUID();
		String secret = Signatures.newSecret();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		endpoints.insert(id, firm, checked, text, types, encrypt(secret, id), owner, now);
		return new Registered(view(endpoints.find(firm, id).orElseThrow()), secret);
	}

	@Transactional(readOnly = true)
	public List<Endpoint> endpoints(UserId owner, FirmId firm) {
		firms.requireOwner(owner, firm);
		return endpoints.list(firm).stream().map(Webhooks::view).toList();
	}

	/** @throws ProblemException 404 for an unknown id or another firm's endpoint */
	@Transactional(readOnly = true)
	public Endpoint endpoint(UserId owner, FirmId firm, UUID id) {
		firms.requireOwner(owner, firm);
		return view(row(firm, id));
	}

	/** Deletes the endpoint and its delivery log. */
	@Transactional
	public void delete(UserId owner, FirmId firm, UUID id) {
		firms.requireOwner(owner, firm);
		if (!endpoints.delete(firm, id)) {
			throw notFound();
		}
	}

	/**
	 * A new secret; the current one keeps signing beside it during {@code paraphe.webhook.secret-overlap} (both
	 * signatures in {@code webhook-signature}), so that the receiver can switch without losing a delivery.
	 */
	@Transactional
	public Registered rotate(UserId owner, FirmId firm, UUID id) {
		firms.requireOwner(owner, firm);
		EndpointStore.Row row = row(firm, id);
		String secret = Signatures.newSecret();
		Instant until = clock.instant().plus(properties.secretOverlap()).truncatedTo(ChronoUnit.MICROS);
		endpoints.rotate(firm, id, encrypt(secret, id), row.secret(), until);
		return new Registered(view(row(firm, id)), secret);
	}

	/** Enables a disabled endpoint again (its given-up deliveries stay so until sent again). */
	@Transactional
	public void enable(UserId owner, FirmId firm, UUID id) {
		firms.requireOwner(owner, firm);
		if (!endpoints.enable(firm, id)) {
			throw notFound();
		}
	}

	/** The endpoint's latest deliveries, newest first. */
	@Transactional(readOnly = true)
	public List<Delivery> deliveries(UserId owner, FirmId firm, UUID endpoint) {
		firms.requireOwner(owner, firm);
		row(firm, endpoint);
		return deliveries.latest(firm, endpoint, LOG_SIZE);
	}

	/**
	 * "Renvoyer": the delivery is due now again, with the same {@code webhook-id}, and retried for the whole retry
	 * period.
	 * @throws ProblemException 404 for another endpoint's or firm's delivery; 409 while the endpoint is disabled
	 */
	@Transactional
	public void resend(UserId owner, FirmId firm, UUID endpoint, UUID delivery) {
		firms.requireOwner(owner, firm);
		requireEnabled(row(firm, endpoint));
		Instant now = clock.instant();
		if (!deliveries.resend(firm, endpoint, delivery, now, now.plus(properties.retryFor()))) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "webhook.error.deliveryNotFound");
		}
		wakeAfterCommit();
	}

	/**
	 * "Envoyer un événement de test": a {@value EventType#TEST} event to this endpoint alone, whatever types it
	 * chose.
	 * @return the delivery, due now
	 */
	@Transactional
	public Delivery sendTest(UserId owner, FirmId firm, UUID endpoint) {
		firms.requireOwner(owner, firm);
		EndpointStore.Row row = requireEnabled(row(firm, endpoint));
		UUID eventId = UUID.randomUUID();
		UUID id = UUID.randomUUID();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		deliveries.insert(id, row.id(), firm, eventId, EventType.TEST,
				payload(EventType.TEST, now, Map.of("message", "Événement de test envoyé par Paraphe")), now,
				now.plus(properties.retryFor()));
		wakeAfterCommit();
		return deliveries.find(firm, endpoint, id).orElseThrow();
	}

	/**
	 * Writes one delivery per enabled endpoint of the firm that chose this event's type, in the caller's
	 * transaction (the event's): they commit, or not, with it. Once per event and endpoint.
	 * @return how many deliveries were written
	 */
	@Transactional
	public int publish(WebhookEvent event) {
		String type = event.type().wireName();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String body = null;
		int written = 0;
		for (EndpointStore.Row row : endpoints.list(event.firm())) {
			if (row.enabled() && row.eventTypes().contains(type)) {
				body = body == null ? payload(type, now, event.data()) : body;
				written += deliveries.insert(UUID.randomUUID(), row.id(), event.firm(), event.eventId(), type, body, now,
						now.plus(properties.retryFor())) ? 1 : 0;
			}
		}
		if (written > 0) {
			wakeAfterCommit();
		}
		return written;
	}

	/** The body of Standard Webhooks: {@code {"type", "timestamp", "data"}}, the timestamp in ISO 8601. */
	private String payload(String type, Instant at, Map<String, Object> data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("timestamp", at.toString());
		body.put("data", data);
		return json.writeValueAsString(body);
	}

	/** Once the event's transaction committed, this node's worker posts at once instead of at its next poll. */
	private void wakeAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					worker.wake();
				}
			});
		}
	}

	private String checkUrl(String url) {
		String trimmed = url == null ? "" : url.strip();
		if (trimmed.isEmpty() || trimmed.length() > 2000) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "webhook.error.badUrl");
		}
		String lower = trimmed.toLowerCase(Locale.ROOT);
		if (properties.requireHttps() && !lower.startsWith("https://")) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "webhook.error.httpsOnly");
		}
		try {
			return guard.check(trimmed).toString();
		}
		catch (GuardedHttp.GuardException refused) {
			throw switch (refused.failure()) {
				case REFUSED_ADDRESS -> new ProblemException(HttpStatus.BAD_REQUEST, "webhook.error.privateAddress");
				case UNKNOWN_HOST -> new ProblemException(HttpStatus.BAD_REQUEST, "webhook.error.unknownHost");
				default -> new ProblemException(HttpStatus.BAD_REQUEST, "webhook.error.badUrl");
			};
		}
	}

	private static List<String> checkTypes(Collection<String> eventTypes) {
		Set<String> chosen = new LinkedHashSet<>();
		for (String name : eventTypes == null ? List.<String>of() : eventTypes) {
			EventType type = EventType.fromWire(name == null ? "" : name.strip())
				.orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "webhook.error.badType"));
			chosen.add(type.wireName());
		}
		if (chosen.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "webhook.error.noType");
		}
		return new ArrayList<>(chosen);
	}

	private EndpointStore.Row row(FirmId firm, UUID id) {
		return endpoints.find(firm, id).orElseThrow(Webhooks::notFound);
	}

	private static EndpointStore.Row requireEnabled(EndpointStore.Row row) {
		if (!row.enabled()) {
			throw new ProblemException(HttpStatus.CONFLICT, "webhook.error.disabled");
		}
		return row;
	}

	private static ProblemException notFound() {
		return new ProblemException(HttpStatus.NOT_FOUND, "webhook.error.notFound");
	}

	private byte[] encrypt(String secret, UUID endpoint) {
		return encryption.encrypt(secret.getBytes(StandardCharsets.UTF_8), Secrets.context(endpoint));
	}

	private static Endpoint view(EndpointStore.Row row) {
		return new Endpoint(row.id(), row.url(), row.description(), row.eventTypes(), row.enabled(), row.createdAt(),
				row.previousUntil(), row.disabledAt());
	}

}
