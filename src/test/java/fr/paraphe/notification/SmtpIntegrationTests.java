package fr.paraphe.notification;

import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import fr.paraphe.TestSirens;
import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With paraphe.mail.mode=smtp, messages go out over real SMTP (GreenMail), in French, HTML and text.
 */
@SpringBootTest(properties = { "paraphe.mail.mode=smtp", "spring.mail.host=127.0.0.1", "spring.mail.port=3025" })
@ActiveProfiles("test")
class SmtpIntegrationTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP)
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	Billing billing;

	@Test
	void aDebitBelowTheThresholdMailsTheOwner() throws Exception {
		String email = "seuil-" + UUID.randomUUID() + "@cabinet.fr";
		User owner = users.recordLogin(new SsoProfile("smtp-owner-" + UUID.randomUUID(), "Sandrine Seuil", email,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Seuil"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		billing.credit(firm, owner.id(), Money.parse("3.00"));
		billing.setLowBalanceThreshold(firm, owner.id(), Money.parse("1.50"));

		billing.charge(firm, Operation.SEAL, "seal:a", "test", () -> "sealed");
		billing.charge(firm, Operation.SEAL, "seal:b", "test", () -> "sealed");

		await().until(() -> greenMail.getReceivedMessagesForDomain("cabinet.fr").length > 0);
		MimeMessage[] received = greenMail.getReceivedMessagesForDomain("cabinet.fr");
		assertThat(received).hasSize(1);
		MimeMessage message = received[0];
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email);
		assertThat(message.getSubject()).isEqualTo("Le solde du compte-cabinet de Cabinet Seuil est bas");
		assertThat(message.getFrom()[0].toString()).contains("no-reply@paraphe.example");
		String body = GreenMailUtil.getBody(message);
		assertThat(body).contains("0,60", "1,50", "/cabinet/compte");
		assertThat(((MimeMultipart) message.getContent()).getContentType()).startsWith("multipart/mixed");
	}

}
