package fr.paraphe;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import fr.paraphe.audit.AuditEntry;
import fr.paraphe.audit.AuditTrail;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.TestPrincipals;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.firm.Membership;
import fr.paraphe.firm.internal.Member;
import fr.paraphe.firm.internal.Members;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.registration.internal.Civility;
import fr.paraphe.registration.internal.DocumentType;
import fr.paraphe.registration.internal.Identity;
import fr.paraphe.registration.internal.Registration;
import fr.paraphe.registration.internal.Registrations;
import fr.paraphe.registration.TestDocuments;
import fr.paraphe.shared.PersonalData;
import fr.paraphe.shared.Siren;
import fr.paraphe.terms.Terms;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * "Supprimer mon compte" (issue 14): the confirmation, the owner who must hand the firm over first, then the
 * certificates revoked, the personal data gone from every table but the audit trail (legal proof, hash-chained,
 * still verifying) and the CA's certificates, the audit entries shown under a pseudonym, the sessions ended, and
 * a new person at the next login by the same subject.
 */
@ParapheIntegrationTest
class AccountDeletionIntegrationTests {

	/** Kept on purpose: the audit trail and the certificates the CA issued (legal proof); Flyway's own history. */
	private static final List<String> KEPT_TABLES = List.of("audit_entry", "pki_certificate", "flyway_schema_history");

	@Autowired
	WebApplicationContext context;

	@Autowired
	Users users;

	@Autowired
	Registrations registrations;

	@Autowired
	Terms terms;

	@Autowired
	CertificationAuthority authority;

	@Autowired
	Firms firms;

	@Autowired
	Members members;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	List<PersonalData> personalData;

	@Autowired
	JsonMapper json;

	private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger(200);

	MockMvc mvc;

	String address;

	Siren siren;

	String surname;

	String birthPlace;

	String email;

	String registeredEmail;

	User leaving;

	User staying;

	IssuedCertificate certificate;

	@BeforeEach
	void aFirmOfTwoExpertsOneOfThemRegistered() {
		mvc = MockMvcBuilders.webAppContextSetup(context)
			.apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
			.build();
		siren = TestSirens.random();
		address = "192.0.2." + ADDRESSES.getAndIncrement();
		surname = "Quen" + letters(8);
		birthPlace = "Saint-" + letters(9);
		email = "partante-" + UUID.randomUUID() + "@cabinet.fr";
		registeredEmail = "declaree-" + UUID.randomUUID() + "@cabinet.fr";
		leaving = users.recordLogin(new SsoProfile("leave-" + UUID.randomUUID(), "Éloïse " + surname, email,
				Role.EXPERT_COMPTABLE, siren, "Cabinet " + siren));
		staying = users.recordLogin(new SsoProfile("stay-" + UUID.randomUUID(), "Bastien Reste",
				"reste-" + UUID.randomUUID() + "@cabinet.fr", Role.EXPERT_COMPTABLE, siren, "Cabinet " + siren));
		Identity identity = new Identity(Civility.MADAME, "Éloïse", surname, LocalDate.of(1981, 5, 17), birthPlace, "FR",
				"06 11 22 33 44", registeredEmail);
		Registration registration = registrations.submit(leaving, identity, DocumentType.PASSEPORT, TestDocuments.jpeg(),
				null, terms.current().orElseThrow().number(), true, address);
		User officer = users.recordLogin(new SsoProfile("off-" + UUID.randomUUID(), "Otto Officier",
				"o-" + UUID.randomUUID() + "@paraphe.example", Role.REGISTRATION_OFFICER, null, null));
		certificate = registrations.approve(officer, registration.id());
	}

	@Test
	void anOwnerMustHandTheFirmOverThenTheAccountIsErasedAndTheAuditChainStillVerifies() throws Exception {
		Document refused = page("/compte/suppression", leaving);
		assertThat(refused.select("#deletion-refused").text()).contains("transmettez d’abord le cabinet");
		assertThat(refused.select("#deletion-form")).isEmpty();
		assertThat(mvc.perform(post("/compte/suppression").param("confirmation", "SUPPRIMER")
			.with(TestPrincipals.as(leaving))
			.with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(409);
		assertThat(users.findById(leaving.id())).isPresent();

		Membership owner = firms.membershipOf(leaving.id()).orElseThrow();
		Member other = members.handOverCandidates(owner.firm(), leaving.id()).stream().findFirst().orElseThrow();
		assertThat(other.userId()).isEqualTo(staying.id());
		assertThat(mvc.perform(post("/cabinet/transmission").param("membre", other.id().toString())
			.with(TestPrincipals.as(leaving))
			.with(csrf())).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/cabinet");
		assertThat(firms.membershipOf(leaving.id()).orElseThrow().isOwner()).isFalse();
		assertThat(firms.membershipOf(staying.id()).orElseThrow().isOwner()).isTrue();

		// A wrong confirmation word deletes nothing and says why, tied to the field.
		Document wrong = Jsoup.parse(mvc.perform(post("/compte/suppression").param("confirmation", "oui")
			.with(TestPrincipals.as(leaving))
			.with(csrf())).andReturn().getResponse().getContentAsString());
		assertThat(wrong.select("#flash-failure").text()).contains("SUPPRIMER");
		assertThat(wrong.select("#confirmation").attr("aria-describedby")).isEqualTo("flash-failure");
		assertThat(users.findById(leaving.id())).isPresent();

		jdbc.sql("INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME) VALUES (:id, :sid, 0, 0, 1800, 9999999999999, :name)")
			.param("id", UUID.randomUUID().toString())
			.param("sid", UUID.randomUUID().toString())
			.param("name", leaving.subject())
			.update();

		assertThat(mvc.perform(post("/compte/suppression").param("confirmation", " supprimer ")
			.with(TestPrincipals.as(leaving))
			.with(csrf())).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/deconnexion/ok?compte-supprime");

		String pseudonym = "utilisateur supprimé #";
		assertThat(users.findById(leaving.id())).isEmpty();
		assertThat(users.findBySubject(leaving.subject())).isEmpty();
		IssuedCertificate revoked = authority.find(certificate.serial()).orElseThrow();
		assertThat(revoked.isRevoked()).isTrue();
		assertThat(revoked.revocationReason()).isEqualTo(RevocationReason.CESSATION_OF_OPERATION);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :n")
			.param("n", leaving.subject())
			.query(Long.class)
			.single()).isZero();
		assertThat(firms.membershipOf(leaving.id())).isEmpty();

		// The audit trail keeps the entries (legal proof), verifies, and shows the pseudonym.
		await().untilAsserted(() -> assertThat(audit.forFirm(owner.firm(), 200)).extracting(AuditEntry::action)
			.contains("firm.member.accountDeleted", "firm.handedOver"));
		assertThat(audit.firstBreak()).isEmpty();
		assertThat(audit.check().intact()).isTrue();
		assertThat(audit.forFirm(owner.firm(), 200)).extracting(AuditEntry::actor).contains(leaving.id().toString());
		Document journal = page("/cabinet", staying);
		assertThat(journal.select("#journal").text()).contains(pseudonym).doesNotContain(surname);
		assertThat(journal.select("#members").text()).doesNotContain(surname);

		// No table but the kept ones holds the person's name, e-mails or birth place.
		await().untilAsserted(() -> assertThat(
				occurrences(List.of(surname, birthPlace, email, registeredEmail, leaving.subject(), address)))
			.isEmpty());

		// "Mes données" of the former id says nothing about them; the same subject logs in as a new person.
		assertThat(export(leaving)).doesNotContain(surname, birthPlace, registeredEmail, email);
		User again = users.recordLogin(new SsoProfile(leaving.subject(), "Éloïse " + surname, email,
				Role.COLLABORATEUR, siren, "Cabinet " + siren));
		assertThat(again.id()).isNotEqualTo(leaving.id());
		assertThat(authority.certificatesOf(again.id())).isEmpty();
		assertThat(registrations.mine(again.id())).isEmpty();
		assertThat(terms.hasAccepted(again.id())).isFalse();
		assertThat(firms.membershipOf(again.id())).isEmpty();
		assertThat(export(again)).doesNotContain(birthPlace, registeredEmail, certificate.serial().hex());
	}

	@Test
	void theFormNamesNoOneAndHandOverIsRefusedOutsideTheFirmToCollaboratorsAndByCollaborators() throws Exception {
		Membership owner = firms.membershipOf(leaving.id()).orElseThrow();
		Member stayingMember = members.handOverCandidates(owner.firm(), leaving.id()).get(0);

		// An owner of another firm cannot hand this firm's member anything: 404, nothing changes.
		Siren elsewhere = TestSirens.random();
		User outsider = users.recordLogin(new SsoProfile("out-" + UUID.randomUUID(), "Olga Dehors",
				"o-" + UUID.randomUUID() + "@ailleurs.fr", Role.EXPERT_COMPTABLE, elsewhere, "Cabinet " + elsewhere));
		assertThat(mvc.perform(post("/cabinet/transmission").param("membre", stayingMember.id().toString())
			.with(TestPrincipals.as(outsider))
			.with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(404);

		// A collaborator is no expert-comptable: refused on the page (409), and a collaborator may not hand over (403).
		User collaborator = users.recordLogin(new SsoProfile("col-" + UUID.randomUUID(), "Carl Collab",
				"c-" + UUID.randomUUID() + "@cabinet.fr", Role.COLLABORATEUR, siren, "Cabinet " + siren));
		firms.addCollaborator(owner.firm(), leaving.id(), collaborator.subject());
		Member collaboratorMember = members.members(owner.firm(), leaving.id())
			.stream()
			.filter(m -> collaborator.id().equals(m.userId()))
			.findFirst()
			.orElseThrow();
		assertThat(members.handOverCandidates(owner.firm(), leaving.id())).extracting(Member::userId)
			.containsExactly(staying.id());
		mvc.perform(post("/cabinet/transmission").param("membre", collaboratorMember.id().toString())
			.with(TestPrincipals.as(leaving))
			.with(csrf()));
		assertThat(firms.membershipOf(leaving.id()).orElseThrow().isOwner()).isTrue();
		assertThat(firms.membershipOf(collaborator.id()).orElseThrow().isOwner()).isFalse();
		assertThat(mvc.perform(post("/cabinet/transmission").param("membre", stayingMember.id().toString())
			.with(TestPrincipals.as(collaborator))
			.with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);

		// Deletion acts on the logged-in person only: a user id in the request is ignored; without CSRF or login,
		// nothing happens.
		assertThat(mvc.perform(post("/compte/suppression").param("confirmation", "SUPPRIMER")
			.param("user", staying.id().toString())
			.param("id", staying.id().toString())
			.with(TestPrincipals.as(collaborator))
			.with(csrf())).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/deconnexion/ok?compte-supprime");
		assertThat(users.findById(collaborator.id())).isEmpty();
		assertThat(users.findById(staying.id())).isPresent();
		assertThat(users.findById(leaving.id())).isPresent();
		assertThat(mvc.perform(post("/compte/suppression").param("confirmation", "SUPPRIMER")
			.with(TestPrincipals.as(staying))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(post("/compte/suppression").param("confirmation", "SUPPRIMER").with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus()).isIn(302, 401);
		assertThat(users.findById(staying.id())).isPresent();
		assertThat(audit.check().intact()).isTrue();
	}

	private Document page(String path, User user) throws Exception {
		return Jsoup.parse(mvc.perform(get(path).with(TestPrincipals.as(user))).andReturn().getResponse().getContentAsString());
	}

	private String export(User user) {
		StringBuilder all = new StringBuilder();
		for (PersonalData part : personalData) {
			all.append(json.writeValueAsString(part.about(user.id())));
		}
		return all.toString();
	}

	/** Table.column of every text column, outside the kept tables, that holds one of the values. */
	private List<String> occurrences(List<String> values) {
		List<Map<String, Object>> columns = jdbc.sql("""
				SELECT table_name, column_name FROM information_schema.columns
				WHERE LOWER(table_schema) = 'public'
				AND LOWER(data_type) IN ('character varying', 'character', 'text', 'character large object')""")
			.query()
			.listOfRows();
		List<String> found = new ArrayList<>();
		for (Map<String, Object> column : columns) {
			String table = String.valueOf(column.get("table_name"));
			String name = String.valueOf(column.get("column_name"));
			if (KEPT_TABLES.contains(table.toLowerCase(java.util.Locale.ROOT))) {
				continue;
			}
			for (String value : values) {
				long count = jdbc.sql("SELECT COUNT(*) FROM \"" + table + "\" WHERE LOWER(CAST(\"" + name
						+ "\" AS VARCHAR)) LIKE :value")
					.param("value", "%" + value.toLowerCase(java.util.Locale.ROOT) + "%")
					.query(Long.class)
					.single();
				if (count > 0) {
					found.add(table + "." + name + " holds " + value);
				}
			}
		}
		return found;
	}

	private static String letters(int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return text.toString();
	}

}
