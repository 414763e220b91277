package fr.paraphe.signing.internal;

import fr.paraphe.shared.Siren;
import fr.paraphe.signing.FirmSeals;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demonstration set-up: the demo firm ("Cabinet Démo", SIREN 732829320) has a seal certificate from the start,
 * so that the sealing API works at once with {@code PARAPHE_DEMO_API_KEY}.
 */
@Component
@ConditionalOnProperty(name = "paraphe.signing.demo-seal", havingValue = "true")
class DemoSeal {

	private static final Logger log = LoggerFactory.getLogger(DemoSeal.class);

	private final FirmSeals seals;

	DemoSeal(FirmSeals seals) {
		this.seals = seals;
	}

	@EventListener(ApplicationReadyEvent.class)
	void issue() {
		var certificate = seals.ensure(new Siren("732829320"), "Cabinet Démo");
		log.info("Demo firm's seal certificate: {}", certificate.serial());
	}

}
