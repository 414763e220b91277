package fr.paraphe.billing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.audit.AuditEntry;
import fr.paraphe.audit.AuditTrail;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.notification.Message;
import fr.paraphe.notification.Notifications;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.signing.SealingTest;

import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A closed firm's refund asked at its closing is on the administrator's "Remboursements à effectuer" until marked
 * paid: once (however often the form is posted), by administrators only, with CSRF; the ledger takes the balance
 * out, the firm's audit trail records the payment and the former owner is e-mailed after the commit.
 */
@ParapheIntegrationTest
class RefundsIntegrationTests extends SealingTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail audit;

	@Autowired
	Notifications notifications;

	/** A firm with 20 € left, closed by its owner asking a refund. */
	record Closed(FirmId firm, User owner, String name) {
	}

	Closed closedAskingRefund(String credit) {
		String name = "Cabinet Remboursé " + UUID.randomUUID().toString().substring(0, 6);
		String email = "rembourse-" + UUID.randomUUID() + "@cabinet.fr";
		User owner = users.recordLogin(new SsoProfile("refund-" + UUID.randomUUID(), "Rémi Boursier", email,
				Role.EXPERT_COMPTABLE, TestSirens.random(), name));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		acceptTerms(owner);
		billing.credit(firm, owner.id(), Money.parse(credit));
		firms.close(firm, owner.id(), name, Map.of("balance", "REFUND"));
		return new Closed(firm, owner, name);
	}

	@Test
	void theAdministratorSeesTheRefundAndMarksItPaidOnce() {
		Closed closed = closedAskingRefund("20");
		DemoLogin admin = new DemoLogin(port).loginAs("admin");

		Document list = Jsoup.parse(admin.get("/admin/remboursements").body());
		Element row = list.getElementById("refund-" + closed.firm().value());
		assertThat(row).as("the closed firm's refund is to be paid").isNotNull();
		assertThat(row.text()).contains(closed.name(), "20,00", "Rémi Boursier", closed.owner().email());
		assertThat(row.closest("#refunds-to-pay")).isNotNull();

		String today = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
		String reference = "RBT-" + UUID.randomUUID().toString().substring(0, 8);
		String form = "reference=" + reference + "&date=" + today;
		Document paid = Jsoup.parse(post(admin, path(closed), form).body());
		assertThat(paid.select("#flash-success").text()).contains("Remboursement enregistré");
		assertThat(paid.getElementById("refunds-to-pay") == null
				|| paid.getElementById("refunds-to-pay").getElementById("refund-" + closed.firm().value()) == null)
			.as("no longer to pay").isTrue();
		assertThat(paid.select("#refunds-paid #paid-" + closed.firm().value()).text()).contains(reference, "20,00");

		// The same form again (a double click, a reload): nothing paid twice.
		Document again = Jsoup.parse(post(admin, path(closed), form).body());
		assertThat(again.select("#flash-success").text()).contains("déjà");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_entry WHERE firm_id = ? AND kind = 'REFUND'")
			.param(closed.firm().value()).query(Long.class).single()).isOne();
		assertThat(jdbc.sql("SELECT balance_cents FROM billing_account WHERE firm_id = ?")
			.param(closed.firm().value()).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT SUM(CASE WHEN kind IN ('CREDIT', 'RELEASE') THEN amount_cents ELSE -amount_cents END)"
				+ " FROM billing_entry WHERE firm_id = ?").param(closed.firm().value()).query(Long.class).single())
			.as("the ledger's sum agrees").isZero();

		// The firm's audit trail records the payment; the former owner is told, once.
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> refunded(closed.firm()).size() == 1);
		assertThat(refunded(closed.firm())).singleElement().satisfies(entry -> {
			assertThat(entry.details()).containsEntry("reference", reference).containsEntry("amount", "20.00")
				.containsEntry("paidOn", today);
		});
		Awaitility.await().atMost(Duration.ofSeconds(60))
			.until(() -> mails(closed.owner()).size() == 1);
		assertThat(mails(closed.owner())).singleElement().satisfies(mail -> {
			assertThat(mail.subject()).contains(closed.name());
			assertThat(mail.text()).contains("20,00", reference);
		});
	}

	@Test
	void onlyAdministratorsWithTheFormsTokenMayMarkARefundPaidAndNothingHostileAnswers500() {
		Closed closed = closedAskingRefund("12.50");
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		DemoLogin admin = new DemoLogin(port).loginAs("admin");
		String today = LocalDate.now(ZoneId.of("Europe/Paris")).toString();

		assertThat(expert.get("/admin/remboursements").statusCode()).isEqualTo(403);
		assertThat(post(expert, path(closed), "reference=X&date=" + today).statusCode()).isEqualTo(403);
		HttpResponse<String> withoutToken = admin.send(HttpRequest.newBuilder(URI.create(admin.url(path(closed))))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("reference=X&date=" + today)));
		assertThat(withoutToken.statusCode()).isEqualTo(403);

		// Refused with a French message, nothing recorded: no reference, a date to come, not a date, an unknown firm.
		for (String form : List.of("reference=&date=" + today, "reference=R1&date=" + LocalDate.now().plusDays(5),
				"reference=R1&date=hier", "reference=" + "R".repeat(300) + "&date=" + today,
				"reference=" + URLEncoder.encode("R1\u202Eevil", StandardCharsets.UTF_8) + "&date=" + today)) {
			HttpResponse<String> refused = post(admin, path(closed), form);
			assertThat(refused.statusCode()).as(form).isEqualTo(200);
			assertThat(Jsoup.parse(refused.body()).select("#flash-failure").text()).as(form).isNotBlank();
		}
		HttpResponse<String> unknown = post(admin, "/admin/remboursements/" + UUID.randomUUID() + "/paiement",
				"reference=R1&date=" + today);
		assertThat(unknown.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(unknown.body()).select("#flash-failure").text()).isNotBlank();
		assertThat(post(admin, "/admin/remboursements/pas-un-id/paiement", "reference=R1&date=" + today).statusCode())
			.isIn(400, 404);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_entry WHERE firm_id = ? AND kind = 'REFUND'")
			.param(closed.firm().value()).query(Long.class).single()).isZero();
		assertThat(Jsoup.parse(admin.get("/admin/remboursements").body())
			.select("#refunds-to-pay #refund-" + closed.firm().value()).text()).contains("12,50");
	}

	private static String path(Closed closed) {
		return "/admin/remboursements/" + closed.firm().value() + "/paiement";
	}

	private List<AuditEntry> refunded(FirmId firm) {
		return audit.forFirm(firm, 100).stream().filter(entry -> entry.action().equals("billing.refund.paid")).toList();
	}

	private List<Message> mails(User owner) {
		return notifications.sentTo(owner.email()).stream().filter(mail -> "refund-paid".equals(mail.template())).toList();
	}

	private static HttpResponse<String> post(DemoLogin browser, String path, String form) {
		return browser.send(HttpRequest.newBuilder(URI.create(browser.url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + browser.csrfToken())));
	}

}
