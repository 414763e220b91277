package fr.paraphe.signing;

import java.time.Instant;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.EntryKind;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.DemoFirm;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.terms.Terms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demonstration ready at start-up, so that the README's sealing demo ({@code PARAPHE_DEMO_API_KEY=… mvn
 * spring-boot:run}, then curl) answers with a sealed PDF at once: the demo firm and its owner exist (as after
 * {@code expert}'s first login), the owner has accepted the CGU in force, and the firm's account holds a
 * demonstration credit (the demonstration payment provider's, taking no money; once, not at every start). Only where
 * the demonstration provider runs ({@code paraphe.signing.demo-setup}, by default {@code paraphe.signing.demo-seal}),
 * never in the {@code prod} profile, which refuses the demonstration provider and its payment provider.
 */
@Component
@ConditionalOnProperty(name = "paraphe.signing.demo-setup", havingValue = "true")
class DemoStart {

	/** The demonstration credit: 50 € buys the README's seal many times over. */
	static final Money CREDIT = Money.parse("50");

	private static final Logger log = LoggerFactory.getLogger(DemoStart.class);

	private final Users users;

	private final Firms firms;

	private final Terms terms;

	private final Billing billing;

	DemoStart(Users users, Firms firms, Terms terms, Billing billing) {
		this.users = users;
		this.firms = firms;
		this.terms = terms;
		this.billing = billing;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(0)
	void prepare() {
		User owner = users.findBySubject(DemoFirm.owner().subject()).orElseGet(() -> users.recordLogin(DemoFirm.owner()));
		FirmId firm = firms.findBySiren(DemoFirm.SIREN).orElseThrow().id();
		terms.current()
			.filter(version -> !terms.hasAccepted(owner.id()))
			.ifPresent(version -> terms.accept(owner.id(), version.number(), "demonstration"));
		if (billing.statement(firm, owner.id(), Instant.EPOCH, Instant.now(), EntryKind.CREDIT, 1).isEmpty()) {
			billing.credit(firm, owner.id(), CREDIT);
			log.info("Demo firm credited with {} (demonstration payment provider)", CREDIT);
		}
	}

}
