package fr.paraphe.collection;

import fr.paraphe.signing.SealingTest;
import fr.paraphe.collection.internal.SignerDesk;
import fr.paraphe.identity.User;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Siren;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the collections' API tests share: the beans they reach, the {@link CollectionFixture}, and, before each test,
 * a firm of their own ({@link CollectionFixture#newFirm}: an owner who accepted the CGU, an API key, and the funds
 * the test class asks for). A test class extends it and keeps its own {@code @ParapheIntegrationTest}.
 */
abstract class CollectionTest extends SealingTest {

	@Autowired
	protected Notifications notifications;

	@Autowired
	protected CertificationAuthority ca;

	@Autowired
	protected SignerDesk desk;

	@Autowired
	protected JsonMapper json;

	protected CollectionFixture fixture;

	/** This test's firm: its owner, id, SIREN and API key. */
	protected User owner;

	protected FirmId firm;

	protected Siren siren;

	protected String key;

	private final String firmName;

	private final Money funds;

	/** Each test gets a new firm named {@code firmName} with {@code funds} on its account (none if zero). */
	protected CollectionTest(String firmName, Money funds) {
		this.firmName = firmName;
		this.funds = funds;
	}

	@BeforeEach
	void aFirmWithAKey() {
		fixture = new CollectionFixture(port, notifications, ca);
		CollectionFixture.NewFirm created = CollectionFixture.newFirm(users, firms, apiKeys, terms, billing, firmName,
				funds);
		owner = created.owner();
		firm = created.id();
		siren = created.siren();
		key = created.key();
	}

}
