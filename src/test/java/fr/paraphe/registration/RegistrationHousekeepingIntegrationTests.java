package fr.paraphe.registration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
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
import fr.paraphe.registration.internal.RegistrationHousekeeping;
import fr.paraphe.registration.internal.RegistrationStatus;
import fr.paraphe.registration.internal.Registrations;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@ParapheIntegrationTest
class RegistrationHousekeepingIntegrationTests {

	@Autowired
	RegistrationHousekeeping housekeeping;

	@Autowired
	Registrations registrations;

	@Autowired
	Users users;

	@Autowired
	Terms terms;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Test
	void documentsAreDeletedThirtyDaysAfterTheDecisionAndTheDecisionStays() {
		User officer = officer();
		Registration registration = submit(expert(), "garde-" + UUID.randomUUID() + "@cabinet.fr");
		registrations.reject(officer, registration.id(), "Photo floue");
		Instant decided = Instant.now();

		housekeeping.deleteExpiredDocuments(decided.plus(Duration.ofDays(29)));
		assertThat(documents(registration.id())).isEqualTo(2);

		assertThat(housekeeping.deleteExpiredDocuments(decided.plus(Duration.ofDays(30)).plusSeconds(5))).isPositive();
		assertThat(documents(registration.id())).isZero();
		Registration after = registrations.forReview(officer, registration.id());
		assertThat(after.status()).isEqualTo(RegistrationStatus.REJECTED);
		assertThat(after.rejectionReason()).isEqualTo("Photo floue");
		assertThat(after.documentsDeletedAt()).isNotNull();
		assertThat(after.documents()).isEmpty();
	}

	@Test
	void holdersAreRemindedOnceThirtyDaysBeforeExpiry() {
		String email = "expire-" + UUID.randomUUID() + "@cabinet.fr";
		Registration registration = submit(expert(), email);
		IssuedCertificate certificate = registrations.approve(officer(), registration.id());

		housekeeping.remindExpiringCertificates(certificate.notAfter().minus(Duration.ofDays(31)));
		assertThat(notifications.sentTo(email)).extracting(Message::template).doesNotContain("certificate-expiring");

		housekeeping.remindExpiringCertificates(certificate.notAfter().minus(Duration.ofDays(29)));
		housekeeping.remindExpiringCertificates(certificate.notAfter().minus(Duration.ofDays(28)));
		assertThat(notifications.sentTo(email)).extracting(Message::template)
			.containsOnlyOnce("certificate-expiring");
		assertThat(notifications.sentTo(email).get(0).text()).contains(certificate.serial().hex(), "expire le");
	}

	private int documents(UUID registration) {
		return jdbc.sql("SELECT COUNT(*) FROM registration_document WHERE registration_id = :r").param("r", registration)
			.query(Integer.class)
			.single();
	}

	private Registration submit(User person, String email) {
		Identity identity = new Identity(Civility.MONSIEUR, "Hugo", "Garde", LocalDate.of(1990, 2, 3), "Rennes", "FR",
				"0611223344", email);
		return registrations.submit(person, identity, DocumentType.PERMIS_CONDUIRE, TestDocuments.jpeg(),
				TestDocuments.png(), terms.current().orElseThrow().number(), true, "192.0.2.2");
	}

	private User expert() {
		return users.recordLogin(new SsoProfile("hk-" + UUID.randomUUID(), "Hugo Garde",
				"hugo-" + UUID.randomUUID() + "@cabinet.fr", Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Garde"));
	}

	private User officer() {
		return users.recordLogin(new SsoProfile("hk-off-" + UUID.randomUUID(), "Olga Officier",
				"olga-" + UUID.randomUUID() + "@paraphe.example", Role.REGISTRATION_OFFICER, null, null));
	}

}
