package fr.paraphe.collection;

import fr.paraphe.signing.SealingTest;
import fr.paraphe.BrowserTest;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the collections' browser tests share on top of {@link BrowserTest}: the beans they reach to set up firms,
 * funds and collections and to read the signers' codes. A test class extends it and keeps its own
 * {@code @ParapheIntegrationTest}.
 */
abstract class CollectionBrowsing extends SealingTest {

	@Autowired
	protected Notifications notifications;

	@Autowired
	protected CertificationAuthority ca;

	@Autowired
	protected Collections collections;

}
