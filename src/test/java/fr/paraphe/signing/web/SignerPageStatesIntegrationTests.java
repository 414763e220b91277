package fr.paraphe.signing.web;

import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.TestPrincipals;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.Siren;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Bug 7 of issue 14: /signer without a certificate gave a sentence but no way forward, and blamed the certificate
 * when the person lacked the SIGN delegation.
 */
@ParapheIntegrationTest
class SignerPageStatesIntegrationTests {

	@Autowired
	WebApplicationContext context;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	MockMvc mvc;

	Siren siren;

	User owner;

	@BeforeEach
	void aNewFirm() {
		mvc = MockMvcBuilders.webAppContextSetup(context)
			.apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
			.build();
		siren = TestSirens.random();
		owner = users.recordLogin(new SsoProfile("signer-" + UUID.randomUUID(), "Odile Owner", "o@" + siren + ".fr",
				Role.EXPERT_COMPTABLE, siren, "Cabinet " + siren));
	}

	@Test
	void withoutACertificateThePageLinksToTheRegistration() throws Exception {
		Document page = page(owner);

		assertThat(page.select("#no-certificate").text()).contains("certificat");
		assertThat(page.select("#no-certificate a").attr("href")).isEqualTo("/enregistrement");
		assertThat(page.select("#no-delegation")).isEmpty();
	}

	@Test
	void withoutTheSignDelegationThePageSaysSoAndNotTheCertificate() throws Exception {
		String email = "c-" + UUID.randomUUID() + "@" + siren + ".fr";
		firms.addCollaborator(firms.membershipOf(owner.id()).orElseThrow().firm(), owner.id(), email);
		User collaborator = users.recordLogin(new SsoProfile("signer-c-" + UUID.randomUUID(), "Cyril Collab", email,
				Role.COLLABORATEUR, siren, "Cabinet " + siren));

		Document page = page(collaborator);

		assertThat(page.select("#no-delegation").text()).contains("délégation « Signer »");
		assertThat(page.select("#no-certificate")).isEmpty();
		assertThat(page.select("#sign-form")).isEmpty();
	}

	private Document page(User user) throws Exception {
		return Jsoup.parse(mvc.perform(get("/signer").with(TestPrincipals.as(user)))
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

}
