package fr.paraphe.billing.internal;

import java.util.UUID;

import fr.paraphe.billing.PaymentProvider;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demonstration payment provider: confirms every payment at once, takes no money, and says so on every
 * page that uses it. Only when {@code paraphe.billing.payment-provider=demo} (the default profile's value); the
 * {@code prod} profile refuses to start with it. A deployment sets the setting to another value and declares its
 * own {@link PaymentProvider} bean.
 */
@Component
@ConditionalOnProperty(name = "paraphe.billing.payment-provider", havingValue = "demo")
public class DemoPaymentProvider implements PaymentProvider {

	@Override
	public String name() {
		return "Démonstration";
	}

	@Override
	public String pay(FirmId firm, Money amount, String description) {
		return "DEMO-" + UUID.randomUUID();
	}

}
