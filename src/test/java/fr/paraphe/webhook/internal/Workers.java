package fr.paraphe.webhook.internal;

import java.time.Clock;

import fr.paraphe.firm.Firms;
import fr.paraphe.pki.DataEncryption;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The webhook tests' delivery workers and services of their own, over the application's beans: a pass that delivers
 * what is due now (as another node's worker would, without waiting for the application's worker), or one with other
 * properties.
 */
public final class Workers {

	private Workers() {
	}

	/** A delivery worker of its own with {@code properties}. Not started: call its {@code deliverDue()}. */
	public static DeliveryWorker worker(ApplicationContext context, WebhookProperties properties) {
		return new DeliveryWorker(context.getBean(JdbcClient.class), context.getBean(PlatformTransactionManager.class),
				context.getBean(Clock.class), properties, context.getBean(DataEncryption.class), context);
	}

	/** One delivery pass with the application's properties; the number of deliveries it attempted. */
	public static int deliverDue(ApplicationContext context) {
		return worker(context, context.getBean(WebhookProperties.class)).deliverDue();
	}

	/** A {@link Webhooks} with {@code properties} whose new deliveries wake {@code worker}. */
	static Webhooks webhooks(ApplicationContext context, WebhookProperties properties, DeliveryWorker worker) {
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		return new Webhooks(new EndpointStore(jdbc), new DeliveryStore(jdbc), context.getBean(Firms.class),
				context.getBean(DataEncryption.class), context.getBean(Clock.class), properties,
				context.getBean(JsonMapper.class), worker);
	}

}
