package fr.paraphe.pki.web;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.shared.UserId;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The PKI administration pages: for the platform administrator only; hierarchy, CRLs, search, revocation.
 */
@ParapheIntegrationTest
class PkiAdminIntegrationTests {

	@Autowired
	WebApplicationContext context;

	@Autowired
	CertificationAuthority ca;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = MockMvcBuilders.webAppContextSetup(context).apply(
				org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity()).build();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return user("admin").authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_PLATFORM_ADMIN"));
	}

	@Test
	void onlyThePlatformAdministratorGetsIn() throws Exception {
		mvc.perform(get("/admin/pki")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/admin/pki").with(user("claire").roles("EXPERT_COMPTABLE"))).andExpect(status().isForbidden());
		mvc.perform(get("/admin/pki/certificats").with(user("claire").roles("COLLABORATEUR"))).andExpect(status().isForbidden());
		IssuedCertificate issued = ca.issue(new NaturalPerson(UserId.random(), "Non", "Admin", "IDCFR-5", "FR"));
		mvc.perform(post("/admin/pki/certificats/" + issued.serial().hex() + "/revocation").param("reason", "KEY_COMPROMISE")
			.with(user("claire").roles("EXPERT_COMPTABLE"))
			.with(csrf())).andExpect(status().isForbidden());
		assertThat(ca.find(issued.serial()).orElseThrow().isRevoked()).isFalse();
	}

	@Test
	void showsTheHierarchyAndTheCrls() throws Exception {
		String html = mvc.perform(get("/admin/pki").with(admin())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		Document page = Jsoup.parse(html);
		assertThat(page.select("article.authority h3").eachText()).containsExactly("Paraphe Root CA", "Paraphe Personnes",
				"Paraphe Cachets", "Paraphe Personnes OCSP", "Paraphe Cachets OCSP", "Paraphe Horodatage",
				"Paraphe Usage Unique", "Paraphe Usage Unique OCSP");
		assertThat(page.select("#authority-tsa").text()).contains("id-kp-timeStamping");
		assertThat(page.select("#crls tbody tr")).hasSize(4);
		assertThat(page.select("#key-store").text()).contains("logiciel");
	}

	@Test
	void searchesAndRevokesWithAReason() throws Exception {
		IssuedCertificate issued = ca.issue(new NaturalPerson(UserId.random(), "Zoé", "Administrée", "IDCFR-6", "FR"));
		Document results = Jsoup.parse(mvc.perform(get("/admin/pki/certificats").param("q", "administrée").with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(results.select("#results td.serial").eachText()).contains(issued.serial().hex());

		String path = "/admin/pki/certificats/" + issued.serial().hex();
		Document detail = Jsoup.parse(mvc.perform(get(path).with(admin())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		assertThat(detail.select("#status").text()).isEqualTo("Valide");
		assertThat(detail.select("#revoke")).hasSize(1);

		// Without CSRF token: refused. Without reason: nothing happens.
		mvc.perform(post(path + "/revocation").param("reason", "KEY_COMPROMISE").with(admin()))
			.andExpect(status().isForbidden());
		mvc.perform(post(path + "/revocation").param("reason", "NOT_A_REASON").with(admin()).with(csrf()))
			.andExpect(redirectedUrl(path));
		assertThat(ca.find(issued.serial()).orElseThrow().isRevoked()).isFalse();

		mvc.perform(post(path + "/revocation").param("reason", "SUPERSEDED").with(admin()).with(csrf()))
			.andExpect(redirectedUrl(path));
		IssuedCertificate revoked = ca.find(issued.serial()).orElseThrow();
		assertThat(revoked.reason()).contains(RevocationReason.SUPERSEDED);
		Document after = Jsoup.parse(mvc.perform(get(path).with(admin())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		assertThat(after.select("#status").text()).isEqualTo("Révoqué");
		assertThat(after.select("#revoke")).isEmpty();

		mvc.perform(get("/admin/pki/certificats/zzz").with(admin())).andExpect(status().isNotFound());
		mvc.perform(get("/admin/pki/certificats/abcdef0123").with(admin())).andExpect(status().isNotFound());
		mvc.perform(post("/admin/pki/certificats/abcdef0123/revocation").param("reason", "SUPERSEDED").with(admin()).with(csrf()))
			.andExpect(status().isNotFound());
	}


}
