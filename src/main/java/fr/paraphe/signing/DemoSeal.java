package fr.paraphe.signing;

import fr.paraphe.shared.Siren;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demonstration set-up: the demo firm ("Cabinet Démo", SIREN 732829320) counts as checked by a registration
 * officer and has a seal certificate from the start, so that sealing (the page and the API with
 * {@code PARAPHE_DEMO_API_KEY}) works at once. In this package because recording a check without an officer is
 * no part of the module's API.
 */
@Component
@ConditionalOnProperty(name = "paraphe.signing.demo-seal", havingValue = "true")
class DemoSeal {

	static final Siren SIREN = fr.paraphe.identity.DemoFirm.SIREN;

	static final String NAME = fr.paraphe.identity.DemoFirm.NAME;

	private static final Logger log = LoggerFactory.getLogger(DemoSeal.class);

	private final FirmSeals seals;

	private final SealChecks checks;

	DemoSeal(FirmSeals seals, SealChecks checks) {
		this.seals = seals;
		this.checks = checks;
	}

	@EventListener(ApplicationReadyEvent.class)
	void issue() {
		checks.recordDemoCheck(SIREN, NAME);
		var certificate = seals.ensure(SIREN, NAME);
		log.info("Demo firm's seal certificate: {}", certificate.serial());
	}

}
