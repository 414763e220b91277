package fr.paraphe.collection;

import fr.paraphe.BrowserTest;
import fr.paraphe.billing.Billing;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.terms.Terms;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the collections' browser tests share on top of {@link BrowserTest}: the beans they reach to set up firms,
 * funds and collections and to read the signers' codes. A test class extends it and keeps its own
 * {@code @ParapheIntegrationTest}.
 */
abstract class CollectionBrowsing extends BrowserTest {

	@Autowired
	protected Users users;

	@Autowired
	protected Firms firms;

	@Autowired
	protected Billing billing;

	@Autowired
	protected Terms terms;

	@Autowired
	protected Notifications notifications;

	@Autowired
	protected CertificationAuthority ca;

	@Autowired
	protected Collections collections;

}
