package fr.paraphe.webhook;

import java.util.UUID;

import fr.paraphe.shared.FirmId;

/** A delivery was retried for the whole retry period without success: its endpoint was disabled. */
public record EndpointDisabled(FirmId firm, UUID endpoint, String url, UUID eventId) {

	public EndpointDisabled(FirmId firm, UUID endpoint, String url) {
		this(firm, endpoint, url, UUID.randomUUID());
	}

}
