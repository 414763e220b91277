package fr.paraphe.webhook.internal;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import fr.paraphe.shared.FirmId;

/**
 * An event another module announces to a firm's endpoints: published with Spring's
 * {@code ApplicationEventPublisher} inside the transaction of the change it reports, so that its deliveries are
 * written to the outbox, or not, with that change (e.g. the bulk sealing jobs publish
 * {@code new WebhookEvent(firm, EventType.SEAL_JOB_COMPLETED, Map.of("job", id, ...))}).
 * @param data the {@code data} object of the body: strings, numbers, booleans, lists and maps of them
 * @param eventId one delivery per endpoint and event id, however often the event is published
 */
public record WebhookEvent(FirmId firm, EventType type, Map<String, Object> data, UUID eventId) {

	public WebhookEvent {
		Objects.requireNonNull(firm, "firm");
		Objects.requireNonNull(type, "type");
		data = Map.copyOf(data);
		Objects.requireNonNull(eventId, "eventId");
	}

	public WebhookEvent(FirmId firm, EventType type, Map<String, Object> data) {
		this(firm, type, data, UUID.randomUUID());
	}

}
