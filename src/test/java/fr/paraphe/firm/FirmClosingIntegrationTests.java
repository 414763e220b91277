package fr.paraphe.firm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.signing.SealingTest;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.audit.AuditEntry;
import fr.paraphe.audit.AuditTrail;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.shared.FirmClosure;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Siren;
import fr.paraphe.signing.CheckedSeals;
import fr.paraphe.signing.internal.Documents;
import fr.paraphe.signing.FirmSeals;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.webhook.internal.Webhooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Closing a firm: owners only, after typing its name and saying what becomes of the balance; then its seal
 * certificate is revoked, its API keys and webhooks are disabled, its members (the owner too) lose access and no
 * login opens it again, while its documents and audit trail stay; the closing is audited.
 */
@ParapheIntegrationTest
class FirmClosingIntegrationTests extends SealingTest {

	@Autowired
	FirmSeals seals;

	@Autowired
	Webhooks webhooks;

	@Autowired
	Documents documents;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path directory;

	@Test
	void theOwnerClosesTheFirmAndEverythingItRanEndsWhileItsRecordsStay() throws Exception {
		String name = "Cabinet Fermeture " + UUID.randomUUID().toString().substring(0, 6);
		SsoProfile ownerProfile = new SsoProfile("closing-" + UUID.randomUUID(), "Odile Fermant", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), name);
		User owner = users.recordLogin(ownerProfile);
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		Siren siren = firms.firm(firm, owner.id()).siren();
		new CheckedSeals(firms, users, checks).issue(owner, firm);
		acceptTerms(owner);
		billing.credit(firm, owner.id(), Money.parse("20"));
		String key = apiKeys.create(owner.id(), firm, "Logiciel").secret();
		webhooks.register(owner.id(), firm, "http://localhost:9/hook", "Logiciel", List.of("seal.created"));
		Path in = Files.write(directory.resolve("in.pdf"), TestSigner.document("Avant fermeture"));
		seals.seal(firm, owner.id(), in, directory.resolve("out.pdf"),
				SignatureParameters.invisible(SignatureLevel.B_B, null, null), null, Documents.Origin.page("avant.pdf"));
		String email = "fermeture-" + UUID.randomUUID() + "@cabinet.fr";
		firms.addCollaborator(firm, owner.id(), email);
		User collaborator = users.recordLogin(new SsoProfile("closing-collab-" + UUID.randomUUID(), "Colin Fermé", email,
				Role.COLLABORATEUR, siren, name));
		assertThat(firms.membershipOf(collaborator.id())).isPresent();
		int documentsBefore = documents.search(owner.id(), Documents.Search.ALL).size();

		// Only the owner, only with the firm's name typed, only once the balance question is answered.
		assertStatus(() -> firms.close(firm, collaborator.id(), name, Map.of("balance", "FORFEIT")), 403);
		assertStatus(() -> firms.close(firm, owner.id(), "Un autre cabinet", Map.of("balance", "FORFEIT")), 400);
		List<FirmClosure.Question> questions = firms.closingQuestions(firm, owner.id());
		assertThat(questions).singleElement().satisfies(question -> {
			assertThat(question.name()).isEqualTo("balance");
			assertThat(question.answers()).extracting(FirmClosure.Answer::value).containsExactly("REFUND", "FORFEIT");
		});
		assertThatThrownBy(() -> firms.close(firm, owner.id(), name, Map.of()))
			.isInstanceOfSatisfying(ProblemException.class,
					problem -> assertThat(problem.messageKey()).isEqualTo("firm.close.balanceUnanswered"));
		assertThatThrownBy(() -> firms.close(firm, owner.id(), name, Map.of("balance", "PEUT-ETRE")))
			.isInstanceOfSatisfying(ProblemException.class,
					problem -> assertThat(problem.messageKey()).isEqualTo("firm.close.balanceUnanswered"));
		assertThat(seals.current(siren)).isPresent();
		assertThat(firms.membershipOf(owner.id())).isPresent();

		firms.close(firm, owner.id(), "  " + name.toUpperCase() + " ", Map.of("balance", "REFUND"));

		// What the firm ran is ended...
		assertThat(seals.current(siren)).isEmpty();
		assertThat(apiKeys.authenticate(key)).isEmpty();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_endpoint WHERE firm_id = ?").param(firm.value())
			.query(Long.class).single()).isZero();
		// ...its members lose access, and logging in again does not open it...
		assertThat(firms.membershipOf(owner.id())).isEmpty();
		assertThat(firms.membershipOf(collaborator.id())).isEmpty();
		assertStatus(() -> firms.require(owner.id(), firm, Delegation.SEAL), 404);
		users.recordLogin(ownerProfile);
		assertThat(firms.membershipOf(owner.id())).isEmpty();
		assertThat(firms.findBySiren(siren)).isPresent();
		// ...its documents and its audit trail stay, the closing and the balance's fate in it.
		assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_document WHERE firm_id = ?").param(firm.value())
			.query(Long.class).single()).isEqualTo(documentsBefore);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> closed(firm).size() == 1);
		assertThat(closed(firm)).singleElement()
			.satisfies(entry -> {
				assertThat(entry.actor()).isEqualTo(owner.id().toString());
				assertThat(entry.details()).containsEntry("balanceChoice", "REFUND");
			});
		assertThat(audit.forFirm(firm, 100)).extracting(AuditEntry::action).contains("firm.created");
	}

	@Test
	void aFirmWithoutBalanceIsAskedNothingAndAClosedFirmStaysClosed() {
		String name = "Cabinet Vide " + UUID.randomUUID().toString().substring(0, 6);
		User owner = users.recordLogin(new SsoProfile("closing-empty-" + UUID.randomUUID(), "Eve Vide", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), name));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		assertThat(firms.closingQuestions(firm, owner.id())).isEmpty();

		firms.close(firm, owner.id(), name, Map.of());

		assertThat(firms.membershipOf(owner.id())).isEmpty();
		assertStatus(() -> firms.close(firm, owner.id(), name, Map.of()), 404);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> closed(firm).size() == 1);
		assertThat(closed(firm)).singleElement()
			.satisfies(entry -> assertThat(entry.details()).containsEntry("balanceChoice", "NONE"));
	}

	private List<AuditEntry> closed(FirmId firm) {
		return audit.forFirm(firm, 100).stream().filter(entry -> entry.action().equals("firm.closed")).toList();
	}

	private static void assertStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status) {
		assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class,
				problem -> assertThat(problem.getStatusCode().value()).isEqualTo(status));
	}

}
