package fr.paraphe.collection;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import fr.paraphe.signing.SealingTest;
import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.SignerDesk;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.User;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.shared.FirmDocumentSource;
import fr.paraphe.shared.FirmId;
import fr.paraphe.signing.internal.Documents;
import fr.paraphe.validation.TestSigner;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firm's document history ({@code /documents}, signing's page) lists the signature collections' documents,
 * through {@link FirmDocumentSource}: a completed collection's signed documents (downloadable while retained), an
 * in-progress one's with its state, each linking to its collection; the search, the type and the dates filter them;
 * the CSV has them. Only members who may read collections (PREPARE or LAUNCH) see them; another firm never does.
 * Closing the firm waits until no collection is in progress.
 */
@ParapheIntegrationTest
class CollectionDocumentsIntegrationTests extends SealingTest {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Autowired
	Notifications notifications;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	SignerDesk desk;

	@Autowired
	Documents documents;

	@Autowired
	JsonMapper json;

	@Test
	void completedAndInProgressCollectionsAreInTheHistoryFilteredAndExported() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		Owner acting = demoOwner("20");
		FirmId firm = acting.firm();
		User owner = acting.user();
		String key = apiKeys.create(owner.id(), firm, "Historique").secret();
		CollectionFixture fixture = new CollectionFixture(port, notifications, ca);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String anne = "anne-" + tag + "@client.test";
		String completed = launched(fixture, key, "Liasse " + tag, anne);
		signs(fixture, anne);
		String bruno = "bruno-" + tag + "@client.test";
		String running = launched(fixture, key, "Mandat " + tag, bruno);

		Document page = Jsoup.parse(expert.get("/documents?q=" + tag).body());
		Element done = page.selectFirst("tr[data-collection=" + completed + "]");
		Element open = page.selectFirst("tr[data-collection=" + running + "]");
		assertThat(done).as(page.text()).isNotNull();
		assertThat(open).isNotNull();
		assertThat(page.select("tr.collection-row")).hasSize(2);
		assertThat(done.select(".file-name").text()).isEqualTo("document-1.pdf");
		assertThat(done.select(".collection-link").attr("href")).isEqualTo("/collectes/" + completed);
		assertThat(done.select(".collection-link").text()).isEqualTo("Liasse " + tag);
		assertThat(done.select(".who-did").text()).contains("Anne Un");
		assertThat(done.select(".collection-state").text()).isEqualTo("Terminée : 1/1 signataire(s) ont signé");
		assertThat(done.select("a.download").attr("href")).isEqualTo("/collectes/" + completed + "/documents/1.pdf");
		assertThat(done.select(".retained-until").text()).startsWith("jusqu’au ");
		assertThat(expert.getBytes(done.select("a.download").attr("href")).statusCode()).isEqualTo(200);
		assertThat(open.select(".collection-state").text()).isEqualTo("En cours : 0/1 signataire(s) ont signé");
		assertThat(open.select("a.download")).isEmpty();
		assertThat(open.select(".collection-link").attr("href")).isEqualTo("/collectes/" + running);

		// The search covers the title and the signers; the type and the dates filter them as the firm's own.
		assertThat(Jsoup.parse(expert.get("/documents?q=Liasse+" + tag).body()).select("tr.collection-row")).hasSize(1);
		assertThat(Jsoup.parse(expert.get("/documents?q=bruno-" + tag).body()).select("tr[data-collection=" + running + "]"))
			.hasSize(1);
		assertThat(Jsoup.parse(expert.get("/documents?q=Un&type=COLLECTION").body())
			.select("tr[data-collection=" + completed + "]")).hasSize(1);
		Document onlyCollections = Jsoup.parse(expert.get("/documents?type=COLLECTION").body());
		assertThat(onlyCollections.select("tr.document-row").size()).isEqualTo(onlyCollections.select("tr.collection-row").size());
		assertThat(onlyCollections.select("#type option[selected]").attr("value")).isEqualTo("COLLECTION");
		assertThat(Jsoup.parse(expert.get("/documents?q=" + tag + "&type=SEAL").body()).select("tr.collection-row")).isEmpty();
		String yesterday = LocalDate.now(PARIS).minusDays(1).toString();
		String today = LocalDate.now(PARIS).toString();
		assertThat(Jsoup.parse(expert.get("/documents?q=" + tag + "&au=" + yesterday).body()).select("tr.collection-row")).isEmpty();
		assertThat(Jsoup.parse(expert.get("/documents?q=" + tag + "&du=" + today).body()).select("tr.collection-row")).hasSize(2);

		String csv = new String(expert.getBytes("/documents/export.csv?q=" + tag).body(), StandardCharsets.UTF_8);
		assertThat(csv).contains("document-1.pdf (Liasse " + tag + ")", "document-1.pdf (Mandat " + tag + ")",
				"Collecte de signatures");

		// Members without PREPARE or LAUNCH do not see collections, here as on /collectes.
		User collab = users.findBySubject("demo-collab").orElseGet(() -> {
			new DemoLogin(port).loginAs("collab");
			return users.findBySubject("demo-collab").orElseThrow();
		});
		if (firms.membershipOf(collab.id()).isEmpty()) {
			firms.addCollaborator(firm, owner.id(), collab.email());
		}
		DemoLogin collaborator = new DemoLogin(port).loginAs("collab");
		Membership member = firms.membershipOf(collab.id()).orElseThrow();
		assertThat(member.firm()).isEqualTo(firm);
		boolean hadPrepare = member.may(Delegation.PREPARE);
		boolean hadLaunch = member.may(Delegation.LAUNCH);
		try {
			if (hadPrepare) {
				firms.withdraw(firm, owner.id(), member.memberId(), Delegation.PREPARE);
			}
			if (hadLaunch) {
				firms.withdraw(firm, owner.id(), member.memberId(), Delegation.LAUNCH);
			}
			collaborator = new DemoLogin(port).loginAs("collab");
			HttpResponse<String> unseen = collaborator.get("/documents?q=" + tag);
			assertThat(unseen.statusCode()).isEqualTo(200);
			assertThat(Jsoup.parse(unseen.body()).select("tr.collection-row")).isEmpty();
			assertThat(new String(collaborator.getBytes("/documents/export.csv?q=" + tag).body(), StandardCharsets.UTF_8))
				.doesNotContain(tag);
			assertThat(documents.others(collab.id(), Documents.Search.ALL)).isEmpty();
			assertThat(collaborator.getBytes("/collectes/" + completed + "/documents/1.pdf").statusCode()).isIn(403, 404);

			firms.grant(firm, owner.id(), member.memberId(), Delegation.PREPARE, null);
			collaborator = new DemoLogin(port).loginAs("collab");
			assertThat(Jsoup.parse(collaborator.get("/documents?q=" + tag).body()).select("tr.collection-row")).hasSize(2);
		}
		finally {
			Membership now = firms.membershipOf(collab.id()).orElseThrow();
			if (!hadPrepare && now.may(Delegation.PREPARE)) {
				firms.withdraw(firm, owner.id(), now.memberId(), Delegation.PREPARE);
			}
			if (hadPrepare && !now.may(Delegation.PREPARE)) {
				firms.grant(firm, owner.id(), now.memberId(), Delegation.PREPARE, null);
			}
			if (hadLaunch && !now.may(Delegation.LAUNCH)) {
				firms.grant(firm, owner.id(), now.memberId(), Delegation.LAUNCH, null);
			}
		}

		// Another firm's owner sees none of them.
		CollectionFixture.NewFirm other = CollectionFixture.newFirm(users, firms, apiKeys, terms, billing, "Cabinet Autre");
		List<FirmDocumentSource.Entry> theirs = documents.others(other.owner().id(), Documents.Search.ALL);
		assertThat(theirs).noneMatch(entry -> entry.title().contains(tag));
	}

	@Test
	void theFirmIsNotClosedWhileACollectionIsInProgress(@Autowired Collections collections) throws Exception {
		CollectionFixture.NewFirm firm = CollectionFixture.newFirm(users, firms, apiKeys, terms, billing, "Cabinet Collecte Fermée");
		CollectionFixture fixture = new CollectionFixture(port, notifications, ca);
		String running = launched(fixture, firm.key(), "Lettre de mission", "client-" + UUID.randomUUID() + "@client.test");
		String name = firms.nameOf(firm.id());

		org.assertj.core.api.Assertions.assertThatThrownBy(
				() -> firms.close(firm.id(), firm.owner().id(), name, java.util.Map.of("balance", "FORFEIT")))
			.isInstanceOfSatisfying(fr.paraphe.shared.ProblemException.class, problem -> {
				assertThat(problem.getStatusCode().value()).isEqualTo(409);
				assertThat(problem.messageKey()).isEqualTo("firm.close.collectionsInProgress");
			});
		assertThat(firms.membershipOf(firm.owner().id())).isPresent();

		collections.cancel(firm.owner().id(), firm.id(), UUID.fromString(running), "Fermeture du cabinet",
				Collections.Origin.SERVER);
		firms.close(firm.id(), firm.owner().id(), name, java.util.Map.of("balance", "FORFEIT"));
		assertThat(firms.membershipOf(firm.owner().id())).isEmpty();
	}

	private String launched(CollectionFixture fixture, String key, String title, String email) throws Exception {
		HttpResponse<String> created = fixture.create(key, "{\"title\":\"" + title + "\",\"seal\":false,\"signers\":[{"
				+ "\"kind\":\"CLIENT\",\"civility\":\"Mme\",\"givenName\":\"Anne\",\"surname\":\"Un\",\"email\":\"" + email
				+ "\",\"places\":[{\"document\":1,\"page\":1,\"x\":300,\"y\":40,\"width\":200,\"height\":60}]}]}", null,
				TestSigner.document(title));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = json.readTree(created.body()).get("id").asString();
		HttpResponse<String> launched = fixture.post("/api/v1/collections/" + id + "/launch", key, null, null);
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
		return id;
	}

	private void signs(CollectionFixture fixture, String address) {
		String token = fixture.latestToken(address);
		desk.sendCode(token, true, null, Collections.Origin.SERVER);
		desk.sign(token, fixture.latestCode(address), null, Collections.Origin.SERVER);
	}

}
