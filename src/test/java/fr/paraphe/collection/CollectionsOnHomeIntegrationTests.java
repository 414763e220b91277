package fr.paraphe.collection;

import java.util.List;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.billing.Billing;
import fr.paraphe.collection.internal.Collection;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.DraftRequest;
import fr.paraphe.collection.internal.Place;
import fr.paraphe.collection.internal.SignerKind;
import fr.paraphe.collection.internal.SigningOrder;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.TestPrincipals;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Siren;
import fr.paraphe.terms.Terms;
import fr.paraphe.validation.TestSigner;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The home page's "À faire" for collections: a draft waits for whoever may launch it (owners, LAUNCH), not for a
 * collaborator without LAUNCH nor for another firm; once launched, the member who must sign is told.
 */
@ParapheIntegrationTest
class CollectionsOnHomeIntegrationTests {

	@Autowired
	WebApplicationContext context;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	Collections collections;

	@Autowired
	Billing billing;

	@Autowired
	Terms terms;

	@Test
	void aDraftWaitsForTheLauncherAndALaunchedCollectionForItsMemberSigner() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
			.apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
			.build();
		Siren siren = TestSirens.random();
		User owner = users.recordLogin(new SsoProfile("home-c-" + UUID.randomUUID(), "Olivier Lance",
				"o-" + UUID.randomUUID() + "@cabinet.fr", Role.EXPERT_COMPTABLE, siren, "Cabinet " + siren));
		User colleague = users.recordLogin(new SsoProfile("home-s-" + UUID.randomUUID(), "Sarah Signe",
				"s-" + UUID.randomUUID() + "@cabinet.fr", Role.EXPERT_COMPTABLE, siren, "Cabinet " + siren));
		Siren elsewhere = TestSirens.random();
		User outsider = users.recordLogin(new SsoProfile("home-o-" + UUID.randomUUID(), "Oscar Ailleurs",
				"x-" + UUID.randomUUID() + "@ailleurs.fr", Role.EXPERT_COMPTABLE, elsewhere, "Cabinet " + elsewhere));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		String title = "Bilan " + UUID.randomUUID().toString().substring(0, 8);
		DraftRequest request = new DraftRequest(title, null, null, SigningOrder.PARALLEL, List.of(), false,
				List.of(new DraftRequest.NewSigner(SignerKind.MEMBER, null, null, null, null, null, colleague.id().value(),
						null, null, List.of(new Place(1, 1, 300, 60, 200, 60)))));
		Collection draft = collections.create(owner.id(), firm,
				request, List.of(new Collections.Upload("bilan.pdf", TestSigner.document("Bilan"))), null,
				Collections.Origin.SERVER)
			.collection();

		Document home = home(mvc, owner);
		assertThat(home.select("li.to-launch a").attr("href")).isEqualTo("/collectes/" + draft.id());
		assertThat(home.select("li.to-launch").text()).contains(title);
		assertThat(home.select("#nothing-waiting")).isEmpty();
		assertThat(home(mvc, outsider).select("li.to-launch")).isEmpty();
		assertThat(home(mvc, colleague).select("#waiting-collections-to-sign")).isEmpty();

		terms.accept(owner.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		billing.credit(firm, owner.id(), Money.parse("20"));
		collections.launch(owner.id(), firm, draft.id(), null, Collections.Origin.SERVER);

		assertThat(home(mvc, owner).select("li.to-launch")).isEmpty();
		assertThat(home(mvc, colleague).select("#waiting-collections-to-sign").text())
			.contains("Une collecte attend votre signature");
		assertThat(home(mvc, outsider).select("#waiting-collections-to-sign")).isEmpty();
	}

	private static Document home(MockMvc mvc, User user) throws Exception {
		return Jsoup.parse(mvc.perform(get("/").with(TestPrincipals.as(user))).andReturn().getResponse().getContentAsString());
	}

}
