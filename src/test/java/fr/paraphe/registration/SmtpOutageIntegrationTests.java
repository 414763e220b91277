package fr.paraphe.registration;

import java.time.LocalDate;
import java.util.UUID;

import fr.paraphe.TestSirens;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Message;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.terms.Terms;
import fr.paraphe.registration.internal.Civility;
import fr.paraphe.registration.internal.DocumentType;
import fr.paraphe.registration.internal.Identity;
import fr.paraphe.registration.internal.Registration;
import fr.paraphe.registration.internal.RegistrationStatus;
import fr.paraphe.registration.internal.Registrations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMTP server that does not answer (nothing listens on the port) must not undo what an officer did: the
 * approval and its certificate stay, the e-mail waits to be sent (its event publication stays incomplete, for
 * the resubmission job).
 */
@SpringBootTest(properties = { "paraphe.mail.mode=smtp", "spring.mail.host=127.0.0.1", "spring.mail.port=9",
		"spring.mail.properties.mail.smtp.connectiontimeout=2000" })
@ActiveProfiles("test")
class SmtpOutageIntegrationTests {

	@Autowired
	Users users;

	@Autowired
	Registrations registrations;

	@Autowired
	Terms terms;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anApprovalAndItsCertificateSurviveAnSmtpOutage() {
		String email = "panne-" + UUID.randomUUID() + "@cabinet-panne.fr";
		User person = users.recordLogin(new SsoProfile("outage-" + UUID.randomUUID(), "Paul Panne", email,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Panne"));
		User officer = users.recordLogin(new SsoProfile("outage-off-" + UUID.randomUUID(), "Olga Officier",
				"olga-" + UUID.randomUUID() + "@paraphe.example", Role.REGISTRATION_OFFICER, null, null));
		Identity identity = new Identity(Civility.MONSIEUR, "Paul", "Panne", LocalDate.of(1980, 2, 3), "Rennes", "FR",
				"+33 6 11 22 33 44", email);
		Registration registration = registrations.submit(person, identity, DocumentType.PASSEPORT,
				TestDocuments.jpeg(), null, terms.current().orElseThrow().number(), true, "192.0.2.1");

		IssuedCertificate certificate = registrations.approve(officer, registration.id());

		assertThat(certificate).isNotNull();
		assertThat(jdbc.sql("SELECT status FROM registration WHERE id = :id")
			.param("id", registration.id())
			.query(String.class)
			.single()).isEqualTo(RegistrationStatus.APPROVED.name());
		assertThat(notifications.sentTo(email)).extracting(Message::template)
			.contains("registration-approved");
		assertThat(notifications.sentTo(email)).extracting(Message::status).doesNotContain("SENT");
	}

}
