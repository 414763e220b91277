package fr.paraphe.signing;

import fr.paraphe.signing.internal.Documents;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.billing.Operation;
import fr.paraphe.firm.Delegation;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Siren;
import fr.paraphe.validation.TestSigner;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /documents}: each seal is recorded with who, when, level and price; the PDF is downloadable until its
 * retention ends, then refused and purged while the entry stays; another firm's document and a document the
 * member's delegations do not cover are 404; the CSV opens in French Excel.
 */
@ParapheIntegrationTest
class DocumentsIntegrationTests extends SealingTest {

	@Autowired
	Documents documents;

	@Autowired
	FirmSeals seals;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path directory;

	@Test
	void aSealIsListedWithWhoWhenLevelAndPriceAndItsPdfIsKeptUntilTheRetentionEnds() throws Exception {
		Firm firm = newFirm("Hélène Archiviste");
		byte[] sealed = seal(firm, "Lettre de mission.pdf");
		Money price = billing.tariffAt(Instant.now()).grossPrice(Operation.SEAL);

		List<Documents.Document> found = documents.search(firm.owner().id(), Documents.Search.ALL);
		assertThat(found).singleElement().satisfies(document -> {
			assertThat(document.kind()).isEqualTo(Documents.Kind.SEAL);
			assertThat(document.channel()).isEqualTo(Documents.Channel.PAGE);
			assertThat(document.fileName()).isEqualTo("Lettre de mission.pdf");
			assertThat(document.actorName()).isEqualTo("Hélène Archiviste");
			assertThat(document.level()).isEqualTo(SignatureLevel.B_LT);
			assertThat(document.price()).isEqualTo(price);
			assertThat(document.available()).isTrue();
			assertThat(Duration.between(document.createdAt(), document.retainedUntil())).isEqualTo(documents.retention());
		});
		UUID id = found.get(0).id();
		assertThat(documents.pdf(firm.owner().id(), id)).isEqualTo(sealed);
		assertThat(documents.search(firm.owner().id(), new Documents.Search("mission", null, null, null))).hasSize(1);
		assertThat(documents.search(firm.owner().id(), new Documents.Search("facture", null, null, null))).isEmpty();
		assertThat(documents.search(firm.owner().id(), new Documents.Search(null, Documents.Kind.SIGNATURE, null, null)))
			.isEmpty();

		// Past its retention the PDF is refused at once, then purged; the entry stays, marked as no longer kept.
		jdbc.sql("UPDATE signing_document SET retained_until = ? WHERE id = ?")
			.params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), id)
			.update();
		assertProblem(() -> documents.pdf(firm.owner().id(), id), 410);
		assertThat(documents.purge()).isPositive();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_document WHERE id = ? AND document IS NULL AND purged_at IS NOT NULL")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(documents.find(firm.owner().id(), id).available()).isFalse();
		assertProblem(() -> documents.pdf(firm.owner().id(), id), 410);
	}

	@Test
	void anotherFirmAndAMemberWithoutTheSealDelegationGet404() throws Exception {
		Firm firm = newFirm("Paul Propriétaire");
		seal(firm, "Bilan 2026.pdf");
		UUID id = documents.search(firm.owner().id(), Documents.Search.ALL).get(0).id();

		Firm other = newFirm("Odile Autrecabinet");
		assertThat(documents.search(other.owner().id(), Documents.Search.ALL)).isEmpty();
		assertProblem(() -> documents.find(other.owner().id(), id), 404);
		assertProblem(() -> documents.pdf(other.owner().id(), id), 404);

		User signer = collaborator(firm, Delegation.SIGN);
		assertThat(documents.search(signer.id(), Documents.Search.ALL)).isEmpty();
		assertProblem(() -> documents.find(signer.id(), id), 404);
		assertProblem(() -> documents.pdf(signer.id(), id), 404);

		User sealer = collaborator(firm, Delegation.SEAL);
		assertThat(documents.search(sealer.id(), Documents.Search.ALL)).extracting(Documents.Document::id).containsExactly(id);
		assertThat(documents.pdf(sealer.id(), id)).isNotEmpty();
	}

	@Test
	void thePageListsTheFirmsDocumentsWithTheRetentionAndTheCsvOpensInFrenchExcel() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		FirmId demo = demoFirm();
		User owner = users.findById(firms.ownersOf(demo).get(0)).orElseThrow();
		acceptTerms(owner);
		billing.credit(demo, owner.id(), Money.parse("20"));
		String name = "Attestation " + UUID.randomUUID() + ".pdf";
		Path in = Files.write(directory.resolve("in.pdf"), TestSigner.document("Attestation"));
		seals.seal(demo, owner.id(), in, directory.resolve("out.pdf"),
				SignatureParameters.invisible(SignatureLevel.B_LT, null, null), null, Documents.Origin.page(name));
		UUID id = documents.search(owner.id(), new Documents.Search(name, null, null, null)).get(0).id();

		HttpResponse<String> page = expert.get("/documents?q=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
		assertThat(page.statusCode()).isEqualTo(200);
		org.jsoup.nodes.Document html = Jsoup.parse(page.body());
		assertThat(html.select("#retention").text()).contains(documents.retention().toDays() + " jours");
		Element row = html.selectFirst("#document-" + id);
		assertThat(row).isNotNull();
		assertThat(row.select(".file-name").text()).isEqualTo(name);
		assertThat(row.select(".level").text()).isEqualTo("Cachet avancé avec horodatage et données de validation (B-LT)");
		assertThat(row.select(".who-did").text()).isEqualTo(owner.displayName());
		assertThat(row.select(".retained-until").text()).startsWith("jusqu’au ");
		assertThat(row.select("a.download").attr("href")).isEqualTo("/documents/" + id + ".pdf");
		assertThat(expert.getBytes("/documents/" + id + ".pdf").statusCode()).isEqualTo(200);
		assertThat(html.select("#nav-documents").attr("aria-current")).isEqualTo("page");

		// A bad date is said on the page, never a 400 or a 500.
		HttpResponse<String> badDate = expert.get("/documents?du=31-02-2026");
		assertThat(badDate.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(badDate.body()).select("#date-error").text()).contains("n’est pas valide");

		HttpResponse<byte[]> csv = expert.getBytes("/documents/export.csv?q=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
		assertThat(java.util.Arrays.copyOf(csv.body(), 3)).as("UTF-8 byte-order mark")
			.isEqualTo(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		String[] lines = new String(csv.body(), StandardCharsets.UTF_8).substring(1).split("\r\n");
		assertThat(lines).hasSize(2);
		assertThat(lines[0]).startsWith("\"Date\";\"Type\";\"Document\"");
		String[] cells = lines[1].split(";");
		assertThat(cells[1]).isEqualTo("\"Cachet\"");
		assertThat(cells[2]).isEqualTo("\"" + name + "\"");
		assertThat(cells[6]).isEqualTo(billing.tariffAt(Instant.now()).grossPrice(Operation.SEAL).plain().replace('.', ','))
			.matches("[0-9]+,[0-9]{2}");

		// Another firm's document is 404 on the page's download, as is one outside the member's delegations.
		Firm other = newFirm("Irène Intruse");
		seal(other, "Secret.pdf");
		UUID foreign = documents.search(other.owner().id(), Documents.Search.ALL).get(0).id();
		assertThat(expert.getBytes("/documents/" + foreign + ".pdf").statusCode()).isEqualTo(404);
		assertThat(expert.get("/documents?q=Secret").body()).doesNotContain(foreign.toString());
	}

	private record Firm(FirmId id, User owner) {
	}

	private Firm newFirm(String ownerName) {
		Owner sealing = firmWithSeal("documents", ownerName, "Cabinet " + ownerName, "20");
		User owner = sealing.user();
		FirmId firm = sealing.firm();
		return new Firm(firm, owner);
	}

	private User collaborator(Firm firm, Delegation delegation) {
		String email = "doc-" + UUID.randomUUID() + "@cabinet.fr";
		UUID member = firms.addCollaborator(firm.id(), firm.owner().id(), email);
		Siren siren = firms.firm(firm.id(), firm.owner().id()).siren();
		User user = users.recordLogin(new SsoProfile("doc-" + UUID.randomUUID(), "Colin Collaborateur", email,
				Role.COLLABORATEUR, siren, "Cabinet"));
		firms.grant(firm.id(), firm.owner().id(), member, delegation, null);
		return user;
	}

	private byte[] seal(Firm firm, String fileName) throws Exception {
		Path in = Files.write(directory.resolve(UUID.randomUUID() + ".pdf"), TestSigner.document(fileName));
		Path out = directory.resolve(UUID.randomUUID() + "-sealed.pdf");
		seals.seal(firm.id(), firm.owner().id(), in, out, SignatureParameters.invisible(SignatureLevel.B_LT, null, null),
				null, Documents.Origin.page(fileName));
		return Files.readAllBytes(out);
	}

	private static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status) {
		assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class,
				problem -> assertThat(problem.getStatusCode().value()).isEqualTo(status));
	}

}
