package fr.paraphe.notification;

import java.net.http.HttpResponse;
import java.util.UUID;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In the default (capture) mode, messages are recorded for the administrators' mailbox page and not sent.
 */
@ParapheIntegrationTest
class NotificationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	Notifications notifications;

	@Test
	void anAccessRequestIsMailedToTheOwnersInTheirLanguage() {
		var siren = TestSirens.random();
		String ownerEmail = "owner-" + UUID.randomUUID() + "@cabinet.fr";
		User owner = users.recordLogin(new SsoProfile("n-owner-" + UUID.randomUUID(), "Odile Owner", ownerEmail,
				Role.EXPERT_COMPTABLE, siren, "Cabinet Notif"));
		User collaborator = users.recordLogin(new SsoProfile("n-collab-" + UUID.randomUUID(), "Noé <b>Collab</b>",
				"noe@cabinet.fr", Role.COLLABORATEUR, siren, "Cabinet Notif"));

		firms.requestAccess(collaborator);

		await().untilAsserted(() -> assertThat(notifications.sentTo(ownerEmail)).singleElement().satisfies(message -> {
			assertThat(message.subject()).isEqualTo("Noé <b>Collab</b> demande un accès à Paraphe");
			assertThat(message.status()).isEqualTo("CAPTURED");
			assertThat(message.text()).contains("Noé <b>Collab</b> est collaborateur de Cabinet Notif", "/cabinet");
			// The HTML part escapes what came from outside.
			assertThat(message.html()).contains("Noé &lt;b&gt;Collab&lt;/b&gt;").doesNotContain("<b>Collab</b>");
		}));
		assertThat(owner.language()).isEqualTo("fr");
	}

	@Test
	void theMailboxPageIsForAdministrators() {
		assertThat(new DemoLogin(port).loginAs("expert").get("/admin/courriels").statusCode()).isEqualTo(403);

		HttpResponse<String> page = new DemoLogin(port).loginAs("admin").get("/admin/courriels");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(page.body()).select(".demo-banner").text()).contains("ne sont pas envoyés");
	}

}
