package fr.paraphe.collection;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.collection.internal.Channel;
import fr.paraphe.collection.internal.Collection;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.DraftRequest;
import fr.paraphe.collection.internal.Place;
import fr.paraphe.collection.internal.SignerKind;
import fr.paraphe.collection.internal.SigningOrder;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.validation.TestSigner;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: "where they sign on which document (drag the box on the page pictures; several places allowed)". The
 * placement page kept one box per signer per document; it now adds one to those already placed (at most
 * {@link Collections#MAX_PLACES}) or replaces them, and shows neither the guided signing's steps nor its price.
 */
@ParapheIntegrationTest
class CollectionPlacesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	Collections collections;

	@Test
	void aPreparerPlacesOneSignerSeveralTimesOnOneDocumentOnThePage() {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		User owner = users.findBySubject("demo-expert").orElseThrow();
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		Collection draft = collections.create(owner.id(), firm,
				new DraftRequest("Procès-verbal d’AG", null, null, SigningOrder.PARALLEL, null, false,
						List.of(new DraftRequest.NewSigner(SignerKind.CLIENT, "Mme", "Anne", "Martin",
								"anne-" + UUID.randomUUID() + "@exemple.test", null, null, Channel.EMAIL, null, null))),
				List.of(new Collections.Upload("pv.pdf", TestSigner.document("Page 1", "Page 2"))), null,
				Collections.Origin.SERVER)
			.collection();
		UUID signer = draft.signers().get(0).id();
		String path = "/collectes/" + draft.id() + "/signataires/" + signer + "/documents/1/emplacement";

		Document page = Jsoup.parse(expert.get(path).body());
		assertThat(page.select("#add")).hasSize(1);
		assertThat(page.select("#price, #stamp-preview")).as("no personal signature's price nor stamp here").isEmpty();
		assertThat(page.text()).doesNotContain("null");

		place(expert, path, 1, 50, false);
		place(expert, path, 2, 300, true);
		place(expert, path, 1, 400, true);
		assertThat(placesOf(owner, firm, draft.id())).extracting(Place::page, Place::x)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1, 50f),
					org.assertj.core.groups.Tuple.tuple(2, 300f), org.assertj.core.groups.Tuple.tuple(1, 400f));

		place(expert, path, 2, 100, false);
		assertThat(placesOf(owner, firm, draft.id())).as("without 'add', the new place replaces the others").hasSize(1);

		for (int i = 1; i < Collections.MAX_PLACES; i++) {
			place(expert, path, 1, 10 + i, true);
		}
		assertThat(placesOf(owner, firm, draft.id())).hasSize(Collections.MAX_PLACES);
		String refused = place(expert, path, 1, 5, true);
		assertThat(refused).contains("au plus " + Collections.MAX_PLACES + " emplacements");
		assertThat(placesOf(owner, firm, draft.id())).hasSize(Collections.MAX_PLACES);
	}

	private List<Place> placesOf(User owner, FirmId firm, UUID id) {
		return collections.find(owner.id(), firm, id).signers().get(0).places();
	}

	/** Posts the placement form as the page does; returns the page the browser ends on. */
	private static String place(DemoLogin browser, String path, int page, int x, boolean add) {
		String form = "_csrf=" + URLEncoder.encode(browser.csrfToken(), StandardCharsets.UTF_8) + "&visible=true&page="
				+ page + "&x=" + x + "&y=60&width=150&height=50" + (add ? "&add=true" : "");
		return browser.send(HttpRequest.newBuilder(URI.create(browser.url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))).body();
	}

}
