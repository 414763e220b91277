package fr.paraphe.signing.web;

import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.TestPrincipals;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.Siren;
import fr.paraphe.terms.Terms;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Bug 7 of issue 14: after accepting the CGU from the seal or sign page, the person comes back to the step the CGU
 * interrupted; the way back is a local path only (no open redirect).
 */
@ParapheIntegrationTest
class ResumeAfterTermsIntegrationTests {

	@Autowired
	WebApplicationContext context;

	@Autowired
	Users users;

	@Autowired
	Terms terms;

	MockMvc mvc;

	User expert;

	@BeforeEach
	void aNewExpertWhoHasNotAcceptedTheTerms() {
		mvc = MockMvcBuilders.webAppContextSetup(context)
			.apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
			.build();
		Siren siren = TestSirens.random();
		expert = users.recordLogin(new SsoProfile("cgu-" + UUID.randomUUID(), "Clément Cgu", "c@" + siren + ".fr",
				Role.EXPERT_COMPTABLE, siren, "Cabinet " + siren));
		assertThat(terms.hasAccepted(expert.id())).isFalse();
	}

	@Test
	void theSealPageLinksToTheTermsWithTheWayBackAndAcceptingReturnsThere() throws Exception {
		Document refused = Jsoup.parse(mvc.perform(multipart("/cachet")
			.file(new MockMultipartFile("file", "a.pdf", "application/pdf", "%PDF-1.7\n%%EOF".getBytes()))
			.param("level", "B-B")
			.with(TestPrincipals.as(expert))
			.with(csrf())).andReturn().getResponse().getContentAsString());
		String link = refused.select("#flash-failure a, #failure-link, a[href^=/cgu]").attr("href");
		assertThat(link).as(refused.text()).isEqualTo("/cgu?retour=%2Fcachet");

		Document page = Jsoup.parse(mvc.perform(get(java.net.URI.create(link)).with(TestPrincipals.as(expert)))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page.select("#terms-form input[name=retour]").attr("value")).isEqualTo("/cachet");

		String target = mvc.perform(post("/cgu").param("version", page.select("input[name=version]").attr("value"))
			.param("accepte", "oui")
			.param("retour", "/cachet")
			.with(TestPrincipals.as(expert))
			.with(csrf())).andReturn().getResponse().getRedirectedUrl();
		assertThat(target).isEqualTo("/cachet");
		assertThat(terms.hasAccepted(expert.id())).isTrue();
	}

	@Test
	void theWayBackIsALocalPathOnly() throws Exception {
		for (String evil : new String[] { "//evil.example", "https://evil.example", "/\\evil.example",
				"http:/evil.example", "javascript:alert(1)" }) {
			Document page = Jsoup.parse(mvc.perform(get("/cgu").param("retour", evil).with(TestPrincipals.as(expert)))
				.andReturn()
				.getResponse()
				.getContentAsString());
			assertThat(page.select("input[name=retour]")).as(evil).isEmpty();
			assertThat(page.html()).as(evil).doesNotContain("evil.example");

			String target = mvc.perform(post("/cgu").param("version", String.valueOf(terms.current().orElseThrow().number()))
				.param("accepte", "oui")
				.param("retour", evil)
				.with(TestPrincipals.as(expert))
				.with(csrf())).andReturn().getResponse().getRedirectedUrl();
			assertThat(target).as(evil).isEqualTo("/cgu");
		}
	}

}
