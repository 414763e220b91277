package fr.paraphe.registration;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Message;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.registration.TestDocuments.Multipart;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.terms.Terms;
import fr.paraphe.registration.internal.Civility;
import fr.paraphe.registration.internal.DocumentType;
import fr.paraphe.registration.internal.Identity;
import fr.paraphe.registration.internal.Registration;
import fr.paraphe.registration.internal.Registrations;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParapheIntegrationTest
class RegistrationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Registrations registrations;

	@Autowired
	Users users;

	@Autowired
	Terms terms;

	@Autowired
	Notifications notifications;

	@Autowired
	CertificationAuthority authority;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	fr.paraphe.firm.Firms firms;

	@Test
	void theConfiguredOfficerAddressesAreToldOfAWaitingRegistrationEvenIfNoOfficerEverLoggedIn() throws Exception {
		// application-test.properties: paraphe.registration.officer-emails=verification@paraphe.example, an address
		// no officer logs in with.
		assertThat(users.withRole(fr.paraphe.identity.Role.REGISTRATION_OFFICER)).extracting(User::email)
			.doesNotContain("verification@paraphe.example");
		User person = newExpert();
		Registration registration = submit(person, "attente-" + UUID.randomUUID() + "@cabinet.fr",
				DocumentType.CARTE_IDENTITE, TestDocuments.jpegWithMetadata("x"), TestDocuments.png());

		await().atMost(java.time.Duration.ofSeconds(10))
			.until(() -> mails("verification@paraphe.example").stream()
				.anyMatch(mail -> mail.template().equals("review-waiting")
						&& mail.text().contains("/verification/" + registration.id())));
	}

	@Test
	void aRegistrationIsStoredEncryptedReviewedByAnOfficerAndApprovedWithACertificate() throws Exception {
		User person = newExpert();
		String email = "inscription-" + UUID.randomUUID() + "@cabinet.fr";
		byte[] front = TestDocuments.jpegWithMetadata("GPS-SECRET-48.85N");
		User officer = newOfficer();
		Registration registration = submit(person, email, DocumentType.CARTE_IDENTITE, front, TestDocuments.png());

		assertThat(registration.isPending()).isTrue();
		// The officers are told once it is committed, with a link and without the person's name.
		await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !mails(officer.email()).isEmpty());
		assertThat(mails(officer.email())).singleElement().satisfies(mail -> {
			assertThat(mail.template()).isEqualTo("review-waiting");
			assertThat(mail.text()).contains("/verification/" + registration.id()).doesNotContain("GPS");
		});
		assertThat(registration.documents()).hasSize(2);
		assertThat(registrations.needsRegistration(person)).isFalse();
		// Encrypted at rest: the stored bytes are neither the upload nor an image.
		List<byte[]> stored = jdbc.sql("SELECT content FROM registration_document WHERE registration_id = :r")
			.param("r", registration.id())
			.query((rs, n) -> rs.getBytes(1))
			.list();
		assertThat(stored).hasSize(2).allSatisfy(bytes -> {
			assertThat(bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xD8).isFalse();
			assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("PNG", "JFIF");
		});
		assertThat(mails(email)).extracting(Message::template).containsExactly("registration-submitted");

		assertThat(registrations.queue(officer)).extracting(Registration::id).contains(registration.id());
		Registration.StoredDocument frontDocument = registration.documents().stream()
			.filter(d -> d.side().equals("FRONT"))
			.findFirst()
			.orElseThrow();
		Registrations.Document decrypted = registrations.document(officer, registration.id(), frontDocument.id());
		assertThat(decrypted.mediaType()).isEqualTo("image/jpeg");
		assertThat(decrypted.content()[0]).isEqualTo((byte) 0xFF);
		// Re-encoded: the metadata is gone.
		assertThat(new String(decrypted.content(), java.nio.charset.StandardCharsets.ISO_8859_1))
			.doesNotContain("GPS-SECRET");

		// Each view of a document is in the audit trail, with the officer and the document (once committed).
		String viewed = frontDocument.id().toString();
		await().atMost(java.time.Duration.ofSeconds(10)).until(() -> auditedViews(viewed) > 0);
		assertThat(auditedViews(viewed)).isEqualTo(1);

		// Not an officer: nothing exists.
		assertThatThrownBy(() -> registrations.forReview(person, registration.id())).satisfies(status(404));
		assertThatThrownBy(() -> registrations.document(person, registration.id(), frontDocument.id()))
			.satisfies(status(404));
		assertThatThrownBy(() -> registrations.queue(person)).satisfies(status(403));

		IssuedCertificate certificate = registrations.approve(officer, registration.id());
		assertThat(certificate.holder()).isEqualTo(IssuedCertificate.holderOf(person.id()));
		assertThat(certificate.subject()).contains("GIVENNAME=Anne-Marie", "SURNAME=Dupré", "C=FR");
		assertThat(registrations.validCertificate(person.id())).isPresent();
		assertThat(registrations.needsRegistration(person)).isFalse();
		assertThat(mails(email)).extracting(Message::template)
			.containsExactly("registration-approved", "registration-submitted");
		assertThatThrownBy(() -> registrations.approve(officer, registration.id())).satisfies(status(409));
		assertThat(terms.hasAccepted(person.id())).isTrue();
	}

	@Test
	void aRejectedPersonIsToldWhyAndMaySubmitAgain() {
		User person = newExpert();
		String email = "refus-" + UUID.randomUUID() + "@cabinet.fr";
		Registration first = submit(person, email, DocumentType.PASSEPORT, TestDocuments.png(), null);
		assertThat(first.documents()).hasSize(1);
		assertThatThrownBy(() -> submit(person, email, DocumentType.PASSEPORT, TestDocuments.png(), null))
			.satisfies(status(409));
		User officer = newOfficer();
		assertThatThrownBy(() -> registrations.reject(officer, first.id(), " ")).satisfies(status(400));
		registrations.reject(officer, first.id(), "Photo illisible");
		Message rejected = mails(email).get(0);
		assertThat(rejected.template()).isEqualTo("registration-rejected");
		assertThat(rejected.text()).contains("Photo illisible");
		assertThat(rejected.subject()).contains("refusée");
		assertThat(registrations.needsRegistration(person)).isTrue();
		Registration second = submit(person, email, DocumentType.PASSEPORT, TestDocuments.jpeg(), null);
		assertThat(second.id()).isNotEqualTo(first.id());
	}

	@Test
	void namesAreNormalizedAndImpersonatingNamesRefused() {
		User person = newExpert();
		String email = "noms-" + UUID.randomUUID() + "@cabinet.fr";
		java.util.function.Function<String, Registration> withGivenNames = given -> registrations.submit(person,
				new Identity(Civility.MADAME, given, "Dupré", LocalDate.of(1975, 3, 14), "Saint-Étienne", "FR",
						"06 01 02 03 04", email),
				DocumentType.PASSEPORT, TestDocuments.png(), null, terms.current().orElseThrow().number(), true, "198.51.100.4");

		// "Clаire" with a Cyrillic а, a right-to-left override, a line break: refused, nothing stored.
		assertThatThrownBy(() -> withGivenNames.apply("Cl\u0430ire")).satisfies(status(400))
			.hasFieldOrPropertyWithValue("messageKey", "name.invalid.mixedScripts");
		assertThatThrownBy(() -> withGivenNames.apply("Claire\u202Eeriatiné")).satisfies(status(400))
			.hasFieldOrPropertyWithValue("messageKey", "name.invalid.bidi");
		assertThatThrownBy(() -> withGivenNames.apply("Claire\r\nBcc: x@evil.example")).satisfies(status(400));
		assertThat(registrations.needsRegistration(person)).isTrue();

		// Decomposed accents (NFD, as some keyboards send them) are accepted and kept composed (NFC).
		Registration accepted = withGivenNames.apply("He\u0301le\u0300ne");
		assertThat(accepted.identity().givenNames()).isEqualTo("Hélène");
	}

	@Test
	void aCollaboratorMayRegisterOnlyWithTheSignDelegation() {
		fr.paraphe.shared.Siren siren = TestSirens.random();
		User owner = users.recordLogin(new SsoProfile("own-" + UUID.randomUUID(), "Olivia Owner",
				"olivia-" + UUID.randomUUID() + "@cabinet.fr", Role.EXPERT_COMPTABLE, siren, "Cabinet Délégation"));
		fr.paraphe.shared.FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		String subject = "col-" + UUID.randomUUID();
		firms.addCollaborator(firm, owner.id(), subject);
		User collaborator = users.recordLogin(new SsoProfile(subject, "Colin Collab",
				"colin-" + UUID.randomUUID() + "@cabinet.fr", Role.COLLABORATEUR, siren, "Cabinet Délégation"));
		assertThat(registrations.maySign(collaborator)).isFalse();
		assertThat(registrations.needsRegistration(collaborator)).isFalse();
		assertThatThrownBy(() -> submit(collaborator, "colin@cabinet.fr", DocumentType.PASSEPORT, TestDocuments.jpeg(),
				null)).satisfies(status(403));

		firms.grant(firm, owner.id(), firms.membershipOf(collaborator.id()).orElseThrow().memberId(),
				fr.paraphe.firm.Delegation.SIGN, null);
		assertThat(registrations.needsRegistration(collaborator)).isTrue();
		assertThat(submit(collaborator, "colin@cabinet.fr", DocumentType.PASSEPORT, TestDocuments.jpeg(), null)
			.isPending()).isTrue();
	}

	@Test
	void uploadAttacksAreRefusedWithAFrenchMessageAndNothingIsStored() {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		User user = users.findBySubject("demo-expert").orElseThrow();
		clear(user);
		Map<String, byte[]> attacks = new java.util.LinkedHashMap<>();
		attacks.put("PHP renamed .jpg", TestDocuments.php());
		attacks.put("polyglot", TestDocuments.polyglot());
		attacks.put("zero bytes", new byte[0]);
		attacks.put("11 MB", TestDocuments.elevenMegabytes());
		attacks.put("image bomb", TestDocuments.imageBomb());
		Map<String, String> expected = Map.of("PHP renamed .jpg", "ni une image JPEG ou PNG", "polyglot",
				"autre chose qu’une image", "zero bytes", "est vide", "11 MB", "dépasse 10 Mo", "image bomb",
				"dimensions de cette image sont démesurées");
		for (Map.Entry<String, byte[]> attack : attacks.entrySet()) {
			HttpResponse<String> response = expert.send(form(expert, "carte.jpg", attack.getValue()));
			assertThat(response.statusCode()).as(attack.getKey()).isEqualTo(400);
			Document page = Jsoup.parse(response.body());
			assertThat(page.select("#flash-failure").text()).as(attack.getKey()).contains(expected.get(attack.getKey()));
			assertThat(page.select("#prenoms").attr("value")).isEqualTo("Claire");
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM registration WHERE user_id = :u").param("u", user.id().value())
			.query(Integer.class).single()).isZero();

		HttpResponse<String> accepted = expert.send(form(expert, "carte.jpg", TestDocuments.jpeg()));
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(accepted.body()).select("#flash-success").text()).contains("demande d’enregistrement est envoyée");
		UUID id = jdbc.sql("SELECT id FROM registration WHERE user_id = :u").param("u", user.id().value())
			.query(UUID.class).single();
		UUID document = jdbc.sql("SELECT id FROM registration_document WHERE registration_id = :r LIMIT 1")
			.param("r", id).query(UUID.class).single();

		// The person cannot read their own documents, nor reach the review.
		assertThat(expert.get("/verification").statusCode()).isEqualTo(403);
		assertThat(expert.get("/verification/" + id).statusCode()).isEqualTo(404);
		assertThat(expert.getBytes("/verification/" + id + "/documents/" + document).statusCode()).isEqualTo(404);
		assertThat(expert.get("/verification/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

		DemoLogin officer = new DemoLogin(port).loginAs("officier");
		assertThat(officer.get("/verification").body()).contains(id.toString());
		HttpResponse<String> review = officer.get("/verification/" + id);
		assertThat(review.statusCode()).isEqualTo(200);
		// The officer's page speaks of the applicant, not to them ("Votre demande", issue 14).
		org.jsoup.nodes.Document reviewPage = Jsoup.parse(review.body());
		assertThat(reviewPage.select("main").text()).doesNotContain("Votre", "votre");
		assertThat(reviewPage.select("#review-status-label").text()).startsWith("Demande de Claire");
		HttpResponse<byte[]> image = officer.getBytes("/verification/" + id + "/documents/" + document);
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/jpeg");
		assertThat(officer.getBytes("/verification/" + id + "/documents/" + UUID.randomUUID()).statusCode())
			.isEqualTo(404);
		clear(user);
	}

	private java.net.http.HttpRequest.Builder form(DemoLogin login, String filename, byte[] content) {
		int version = terms.current().orElseThrow().number();
		return new Multipart().field("_csrf", login.csrfToken())
			.field("civilite", "MADAME")
			.field("prenoms", "Claire")
			.field("nom", "Martin")
			.field("dateNaissance", "1980-04-12")
			.field("lieuNaissance", "Lyon")
			.field("nationalite", "FR")
			.field("mobile", "06 12 34 56 78")
			.field("email", "claire.martin@cabinet-demo.fr")
			.field("typePiece", "PASSEPORT")
			.field("cguVersion", Integer.toString(version))
			.field("cgu", "oui")
			.file("recto", filename, "image/jpeg", content)
			.post(login.url("/enregistrement"));
	}

	/** The demonstration expert starts with no registration and no valid certificate. */
	private void clear(User user) {
		jdbc.sql("DELETE FROM registration_document WHERE registration_id IN (SELECT id FROM registration WHERE user_id = :u)")
			.param("u", user.id().value()).update();
		jdbc.sql("DELETE FROM registration WHERE user_id = :u").param("u", user.id().value()).update();
		for (IssuedCertificate certificate : authority.certificatesOf(user.id())) {
			if (!certificate.isRevoked()) {
				authority.revoke(certificate.serial(), RevocationReason.SUPERSEDED);
			}
		}
	}

	private Registration submit(User person, String email, DocumentType type, byte[] front, byte[] back) {
		Identity identity = new Identity(Civility.MADAME, "Anne-Marie", "Dupré", LocalDate.of(1975, 3, 14),
				"Saint-Étienne", "FR", "06 01 02 03 04", email);
		return registrations.submit(person, identity, type, front, back, terms.current().orElseThrow().number(), true,
				"198.51.100.4");
	}

	private List<Message> mails(String email) {
		return notifications.sentTo(email);
	}

	private User newExpert() {
		return users.recordLogin(new SsoProfile("reg-" + UUID.randomUUID(), "Anne-Marie Dupré",
				"anne-" + UUID.randomUUID() + "@cabinet.fr", Role.EXPERT_COMPTABLE, TestSirens.random(),
				"Cabinet Dupré"));
	}

	private int auditedViews(String document) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'registration.document.viewed' AND details LIKE ?")
			.param("%" + document + "%")
			.query(Integer.class)
			.single();
	}

	private User newOfficer() {
		return users.recordLogin(new SsoProfile("officer-" + UUID.randomUUID(), "Olivier Officier",
				"officier-" + UUID.randomUUID() + "@paraphe.example", Role.REGISTRATION_OFFICER, null, null));
	}

	private static java.util.function.Consumer<Throwable> status(int status) {
		return thrown -> assertThat(((ProblemException) thrown).getStatusCode().value()).isEqualTo(status);
	}

}
