package fr.paraphe.webhook.internal;

import fr.paraphe.shared.FirmClosure;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.UserId;

import org.springframework.stereotype.Component;

/** The webhooks' part of closing a firm: its endpoints are removed, so that nothing is sent for it any more. */
@Component
class WebhookClosure implements FirmClosure {

	private final Webhooks webhooks;

	WebhookClosure(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@Override
	public void close(FirmId firm, UserId owner) {
		webhooks.endpoints(owner, firm).forEach(endpoint -> webhooks.delete(owner, firm, endpoint.id()));
	}

}
