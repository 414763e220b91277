package fr.paraphe.webhook;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.billing.BillingEvents.BalanceLow;
import fr.paraphe.collection.CollectionEvents.CollectionChanged;
import fr.paraphe.collection.CollectionEvents.SignerFinished;
import fr.paraphe.firm.Firm;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.pki.CertificateRevoked;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Siren;
import fr.paraphe.shared.UserId;
import fr.paraphe.signing.SealJobCompleted;
import fr.paraphe.signing.SigningEvents.DocumentSealed;
import fr.paraphe.webhook.internal.EventType;
import fr.paraphe.webhook.internal.WebhookEvent;
import fr.paraphe.webhook.internal.Webhooks;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the other modules' events into webhook events. A plain {@link EventListener} runs in the publisher's
 * thread, inside its transaction: the outbox rows commit or roll back with the change they announce (an
 * {@code @ApplicationModuleListener} would run after the commit, and a crash in between would lose them).
 */
@Component
class EventRelay {

	private final Webhooks webhooks;

	private final Firms firms;

	EventRelay(Webhooks webhooks, Firms firms) {
		this.webhooks = webhooks;
		this.firms = firms;
	}

	@EventListener
	void on(WebhookEvent event) {
		webhooks.publish(event);
	}

	@EventListener
	void on(CollectionChanged changed) {
		EventType.fromWire("collection." + changed.what()).ifPresent(type -> webhooks.publish(new WebhookEvent(
				changed.firm(), type, Map.of("collection", changed.collection().toString(), "status", changed.status()),
				changed.eventId())));
	}

	@EventListener
	void on(SignerFinished finished) {
		EventType.fromWire("signer." + finished.status().toLowerCase(Locale.ROOT)).ifPresent(type -> {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("collection", finished.collection().toString());
			data.put("signer", finished.signer().toString());
			data.put("status", finished.status());
			if (finished.certificateSerial() != null) {
				data.put("certificateSerial", finished.certificateSerial());
			}
			webhooks.publish(new WebhookEvent(finished.firm(), type, data, finished.eventId()));
		});
	}

	@EventListener
	void on(DocumentSealed sealed) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("document", String.valueOf(sealed.document()));
		data.put("level", sealed.level());
		data.put("certificateSerial", sealed.certificateSerial());
		data.put("sha256", sealed.sha256());
		webhooks.publish(new WebhookEvent(sealed.firm(), EventType.SEAL_CREATED, data, sealed.eventId()));
	}

	/** One event per job: the job's id is the event's, so that a job finished again after a restart is told once. */
	@EventListener
	void on(SealJobCompleted completed) {
		webhooks.publish(new WebhookEvent(completed.firmId(), EventType.SEAL_JOB_COMPLETED,
				Map.of("job", completed.jobId().toString(), "total", completed.total(), "done", completed.done(),
						"failed", completed.failed()),
				completed.jobId()));
	}

	@EventListener
	void on(BalanceLow low) {
		webhooks.publish(new WebhookEvent(low.firm(), EventType.BALANCE_LOW,
				Map.of("balance", low.balance().plain(), "threshold", low.threshold().plain(), "currency", "EUR"),
				low.eventId()));
	}

	/** A firm's seal certificate ({@code siren:…}) or the certificate of one of its members ({@code user:…}). */
	@EventListener
	void on(CertificateRevoked revoked) {
		String holder = revoked.holder() == null ? "" : revoked.holder();
		Optional<FirmId> firm = Optional.empty();
		String kind = null;
		if (holder.startsWith("siren:") && Siren.isValid(holder.substring(6))) {
			firm = firms.findBySiren(Siren.parse(holder.substring(6))).map(Firm::id);
			kind = "seal";
		}
		else if (holder.startsWith("user:")) {
			try {
				firm = firms.membershipOf(new UserId(UUID.fromString(holder.substring(5)))).map(Membership::firm);
				kind = "personal";
			}
			catch (IllegalArgumentException notAUser) {
				firm = Optional.empty();
			}
		}
		String certificateKind = kind;
		firm.ifPresent(id -> webhooks.publish(new WebhookEvent(id, EventType.CERTIFICATE_REVOKED,
				Map.of("serial", revoked.serial().hex(), "kind", certificateKind, "reason",
						revoked.reason().name(), "revokedAt", revoked.revokedAt().toString()),
				revoked.eventId())));
	}

}
