package fr.paraphe.registration;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import fr.paraphe.TestSirens;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.terms.Terms;
import fr.paraphe.registration.internal.Civility;
import fr.paraphe.registration.internal.DocumentType;
import fr.paraphe.registration.internal.Identity;
import fr.paraphe.registration.internal.Registration;
import fr.paraphe.registration.internal.RegistrationHousekeeping;
import fr.paraphe.registration.internal.Registrations;
import fr.paraphe.registration.internal.RevocationChannel;
import fr.paraphe.registration.internal.RevocationRequest;
import fr.paraphe.registration.internal.Revocations;
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
 * The registration e-mails over real SMTP (GreenMail), in French, HTML and text: submission, approval,
 * revocation code, revocation, expiry reminder; and rejection.
 */
@SpringBootTest(properties = { "paraphe.mail.mode=smtp", "spring.mail.host=127.0.0.1", "spring.mail.port=3025" })
@ActiveProfiles("test")
class RegistrationMailsSmtpIntegrationTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP)
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@Autowired
	Users users;

	@Autowired
	Registrations registrations;

	@Autowired
	Revocations revocations;

	@Autowired
	RegistrationHousekeeping housekeeping;

	@Autowired
	Terms terms;

	@Autowired
	fr.paraphe.notification.Notifications notifications;

	@Test
	void everyStepOfTheCertificatesLifeIsMailedInFrench() throws Exception {
		String email = "smtp-" + UUID.randomUUID() + "@cabinet-smtp.fr";
		User person = users.recordLogin(new SsoProfile("smtp-reg-" + UUID.randomUUID(), "Léa Courriel", email,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Courriel"));
		User officer = users.recordLogin(new SsoProfile("smtp-off-" + UUID.randomUUID(), "Omar Officier",
				"omar-" + UUID.randomUUID() + "@paraphe.example", Role.REGISTRATION_OFFICER, null, null));
		// E-mails leave after their transaction commits, each on its own: each step waits for its own.
		Registration first = submit(person, email);
		await().until(() -> received(email).size() >= 1);
		registrations.reject(officer, first.id(), "Pièce expirée");
		await().until(() -> received(email).size() >= 2);
		Registration second = submit(person, email);
		await().until(() -> received(email).size() >= 3);
		IssuedCertificate certificate = registrations.approve(officer, second.id());
		await().until(() -> received(email).size() >= 4);
		assertThat(housekeeping.remindExpiringCertificates(certificate.notAfter().minus(Duration.ofDays(10))))
			.isGreaterThanOrEqualTo(1);
		await().until(() -> received(email).size() >= 5);
		RevocationRequest request = revocations.request(person, RevocationChannel.EMAIL);

		await().until(() -> received(email).size() >= 6);
		List<MimeMessage> messages = received(email);
		assertThat(messages).extracting(MimeMessage::getSubject)
			.containsExactly("Paraphe : votre demande d’enregistrement est reçue",
					"Paraphe : votre demande d’enregistrement est refusée",
					"Paraphe : votre demande d’enregistrement est reçue",
					"Paraphe : votre certificat de signature est délivré",
					"Paraphe : votre certificat de signature expire bientôt", "Paraphe : votre code de révocation");
		for (MimeMessage message : messages) {
			assertThat(((MimeMultipart) message.getContent()).getContentType()).startsWith("multipart/mixed");
			String body = GreenMailUtil.getBody(message);
			assertThat(body).contains("text/plain").contains("text/html");
		}
		assertThat(GreenMailUtil.getBody(messages.get(1))).contains("Pi=C3=A8ce expir=C3=A9e");
		Matcher code = Pattern.compile("\\b([0-9]{6})\\b").matcher(GreenMailUtil.getBody(messages.get(5)));
		assertThat(code.find()).isTrue();
		// Sent for real: the recorded copy does not keep the code in clear.
		fr.paraphe.notification.Message recorded = notifications.sentTo(email)
			.stream()
			.filter(m -> m.template().equals("revocation-code"))
			.findFirst()
			.orElseThrow();
		assertThat(recorded.text()).doesNotContain(code.group(1)).contains("••••••");
		assertThat(recorded.html()).doesNotContain(code.group(1));
		revocations.confirm(person, request.id(), code.group(1), RevocationReason.CESSATION_OF_OPERATION);
		await().until(() -> received(email).size() >= 7);
		assertThat(received(email).get(6).getSubject()).isEqualTo("Paraphe : votre certificat de signature est révoqué");
	}

	private Registration submit(User person, String email) {
		Identity identity = new Identity(Civility.MADAME, "Léa", "Courriel", LocalDate.of(1985, 6, 1), "Brest", "FR",
				"+33 6 11 22 33 44", email);
		return registrations.submit(person, identity, DocumentType.PASSEPORT, TestDocuments.jpeg(), null,
				terms.current().orElseThrow().number(), true, "192.0.2.1");
	}

	private static List<MimeMessage> received(String email) {
		return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
			try {
				return message.getAllRecipients()[0].toString().equals(email);
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

}
