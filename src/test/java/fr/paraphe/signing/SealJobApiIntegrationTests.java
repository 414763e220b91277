package fr.paraphe.signing;

import fr.paraphe.signing.internal.Documents;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Entry;
import fr.paraphe.billing.EntryKind;
import fr.paraphe.billing.Operation;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.shared.Money;
import fr.paraphe.validation.TestSigner;
import tools.jackson.databind.JsonNode;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/seal-jobs} over real HTTP, with the platform's seal on (it seals the manifest): a job sealed
 * and debited once per document, its ZIP and manifest checked with EU DSS; 402 with nothing reserved; hostile
 * ZIPs; 1,001 files; Idempotency-Key replays; another firm's job.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "paraphe.signing.platform-seal.siren=123456782",
				"paraphe.signing.platform-seal.name=Paraphe Plateforme" })
@ActiveProfiles("test")
class SealJobApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Billing billing;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	Completions completions;

	@Autowired
	fr.paraphe.audit.AuditTrail audit;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	Documents documents;

	@Autowired
	fr.paraphe.signing.internal.SealJobStore jobStore;

	private SealJobClient client;

	@BeforeEach
	void aFirm() {
		client = SealJobClient.newFirm(context, port, Money.parse("50"));
	}

	@Test
	void sealsEachDocumentOnceDebitsEachOnceAndSealsTheManifest() throws Exception {
		Money price = billing.price(Operation.SEAL);
		Money before = billing.balance(client.firm, client.owner.id());
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("bulletin-janvier.pdf", TestSigner.document("Bulletin de janvier"));
		files.put("bulletin-février.pdf", TestSigner.document("Bulletin de février"));
		files.put("bulletin-janvier.pdf ", TestSigner.document("Un autre du même nom"));

		HttpResponse<byte[]> accepted = client.submit(files, List.of("level", "B-LT", "reason", "Bulletins de paie"));

		assertThat(accepted.statusCode()).as(new String(accepted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
		String location = accepted.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches("/api/v1/seal-jobs/[0-9a-f-]{36}");
		JsonNode status = client.awaitCompleted(location, Duration.ofMinutes(2));
		assertThat(status.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(status.get("total").asInt()).isEqualTo(3);
		assertThat(status.get("done").asInt()).isEqualTo(3);
		assertThat(status.get("failed").asInt()).isZero();
		assertThat(status.get("result").asString()).isEqualTo(location + "/result.zip");

		// Debited once per document, keyed by the job and the document's index; nothing left reserved.
		assertThat(billing.balance(client.firm, client.owner.id())).isEqualTo(before.minus(price.times(3)));
		String job = location.substring(location.lastIndexOf('/') + 1);
		List<Entry> debits = billing.statement(client.firm, client.owner.id(), Instant.EPOCH, Instant.now().plusSeconds(60),
				EntryKind.DEBIT, 100);
		assertThat(debits).extracting(Entry::idempotencyKey)
			.containsExactlyInAnyOrder("sealjob:" + job + ":0", "sealjob:" + job + ":1", "sealjob:" + job + ":2");
		// One ledger entry per document: each reservation became its debit, no RESERVATION/RELEASE pair left.
		assertThat(billing.statement(client.firm, client.owner.id(), Instant.EPOCH, Instant.now().plusSeconds(60), null,
				100)).extracting(Entry::kind).containsOnly(EntryKind.CREDIT, EntryKind.DEBIT).hasSize(4);

		Map<String, byte[]> zip = client.result(location);
		assertThat(zip.keySet()).containsExactlyInAnyOrder("bulletin-janvier-cachete.pdf", "bulletin-février-cachete.pdf",
				"bulletin-janvier-2-cachete.pdf", "manifest.json", "manifest.pdf");
		JsonNode manifest = SealJobClient.JSON.readTree(zip.get("manifest.json"));
		assertThat(manifest.get("files")).hasSize(3);
		int index = 0;
		for (byte[] source : files.values()) {
			JsonNode file = manifest.get("files").get(index++);
			assertThat(file.get("sha256Before").asString()).isEqualTo(sha256(source));
			assertThat(file.get("sha256After").asString()).isEqualTo(sha256(zip.get(file.get("file").asString())));
			assertThat(file.get("level").asString()).isEqualTo("B-LT");
			assertThat(file.get("sealCertificateSerial").asString()).matches("[0-9a-f]+");
		}
		// Each sealed PDF (a sample here) passes EU DSS, offline, with only our root trusted.
		SimpleReport sealed = dss(zip.get("bulletin-février-cachete.pdf"));
		assertThat(sealed.getIndication(sealed.getFirstSignatureId())).isEqualTo(Indication.TOTAL_PASSED);
		assertThat(sealed.getSignatureFormat(sealed.getFirstSignatureId()))
			.isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT);
		// The manifest PDF carries the platform's valid seal and the exact manifest.json.
		SimpleReport manifestSeal = dss(zip.get("manifest.pdf"));
		assertThat(manifestSeal.getIndication(manifestSeal.getFirstSignatureId())).isEqualTo(Indication.TOTAL_PASSED);
		assertThat(manifestSeal.getSignedBy(manifestSeal.getFirstSignatureId())).contains("Paraphe Plateforme");
		try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(zip.get("manifest.pdf"))) {
			byte[] attached = pdf.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get("manifest.json")
				.getEmbeddedFile().toByteArray();
			assertThat(attached).isEqualTo(zip.get("manifest.json"));
		}
		// The audit trail: the batch's documents in one entry (not one per document), each with its sealed SHA-256,
		// as in the manifest; the batch's debits in one "debited" entry.
		List<fr.paraphe.audit.AuditEntry> audited = awaitAudit(3);
		assertThat(audited).filteredOn(entry -> entry.action().equals("signing.job.documents.sealed")).singleElement()
			.satisfies(entry -> {
				assertThat(entry.details()).containsEntry("job", job).containsEntry("count", "3");
				List<String> named = List.of(entry.details().get("documents").split(","));
				List<String> expected = new java.util.ArrayList<>();
				manifest.get("files").forEach(file -> expected.add(file.get("index").asString() + ":"
						+ file.get("sha256After").asString()));
				assertThat(named).containsExactlyInAnyOrderElementsOf(expected);
			});
		assertThat(audited).filteredOn(entry -> entry.action().equals("billing.debited")).singleElement()
			.satisfies(entry -> assertThat(entry.details()).containsEntry("count", "3")
				.containsEntry("amount", price.times(3).plain()));
		assertThat(audited).noneMatch(entry -> entry.action().equals("signing.document.sealed"));
		// The event the seal_job.completed webhook is built on, published once.
		assertThat(completions.events).filteredOn(event -> event.jobId().toString().equals(job))
			.singleElement()
			.satisfies(event -> {
				assertThat(event.firmId()).isEqualTo(client.firm);
				assertThat(event.total()).isEqualTo(3);
				assertThat(event.done()).isEqualTo(3);
				assertThat(event.failed()).isZero();
			});
	}

	/**
	 * A sealed PDF is stored once, in the firm's register, which the job's document references (no copy in the
	 * job's table); the ZIP and the register give the same bytes; once past their retention the register's purge and
	 * the job's purge leave no copy of any PDF anywhere, and the ZIP is 410.
	 */
	@Test
	void eachSealedPdfIsStoredOnceInTheRegisterAndThePurgesLeaveNoCopy() throws Exception {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("bulletin-mars.pdf", TestSigner.document("Bulletin de mars"));
		files.put("bulletin-avril.pdf", TestSigner.document("Bulletin d'avril"));
		HttpResponse<byte[]> accepted = client.submit(files, List.of("level", "B-B"));
		assertThat(accepted.statusCode()).as(new String(accepted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
		String location = accepted.headers().firstValue("Location").orElseThrow();
		assertThat(client.awaitCompleted(location, Duration.ofMinutes(2)).get("done").asInt()).isEqualTo(2);
		java.util.UUID job = java.util.UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
		Map<String, byte[]> zip = client.result(location);
		JsonNode manifest = SealJobClient.JSON.readTree(zip.get("manifest.json"));

		List<Map<String, Object>> rows = jdbc.sql("SELECT idx, sealed, document_id FROM seal_job_document WHERE job_id = ? ORDER BY idx")
			.param(job)
			.query()
			.listOfRows();
		assertThat(rows).hasSize(2).allSatisfy(row -> {
			assertThat(row.get("sealed")).as("no copy in the job's table").isNull();
			assertThat(row.get("document_id")).isNotNull();
		});
		for (Map<String, Object> row : rows) {
			JsonNode file = manifest.get("files").get(((Number) row.get("idx")).intValue());
			Map<String, Object> entry = jdbc.sql("SELECT document, sha256, actor_name, file_name FROM signing_document WHERE id = ? AND firm_id = ?")
				.params(row.get("document_id"), client.firm.value())
				.query()
				.singleRow();
			assertThat((byte[]) entry.get("document")).isEqualTo(zip.get(file.get("file").asString()));
			assertThat(entry.get("sha256")).isEqualTo(file.get("sha256After").asString())
				.isEqualTo(sha256(zip.get(file.get("file").asString())));
			assertThat(entry.get("actor_name")).isEqualTo(client.owner.displayName());
			assertThat(entry.get("file_name")).isEqualTo(file.get("name").asString());
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_document WHERE firm_id = ?")
			.param(client.firm.value())
			.query(Long.class)
			.single()).isEqualTo(2);

		// Past the retention: the register's purge and the job's purge drop every copy; the entries stay.
		java.sql.Timestamp past = java.sql.Timestamp.from(Instant.now().minusSeconds(1));
		jdbc.sql("UPDATE signing_document SET retained_until = ? WHERE firm_id = ?").params(past, client.firm.value()).update();
		jdbc.sql("UPDATE seal_job SET expires_at = ? WHERE id = ?").params(past, job).update();
		assertThat(documents.purge()).isGreaterThanOrEqualTo(2);
		assertThat(jobStore.purge(Instant.now())).isPositive();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_document WHERE firm_id = ? AND document IS NOT NULL")
			.param(client.firm.value())
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM seal_job_document WHERE job_id = ? AND (source IS NOT NULL OR sealed IS NOT NULL)")
			.param(job)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM seal_job WHERE id = ? AND manifest IS NULL AND manifest_pdf IS NULL")
			.param(job)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(client.get(location + "/result.zip", client.key).statusCode()).isEqualTo(410);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_document WHERE firm_id = ?")
			.param(client.firm.value())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aDocumentTheEngineRefusesFailsWithItsReasonAndIsNotCharged() throws Exception {
		Money price = billing.price(Operation.SEAL);
		Money before = billing.balance(client.firm, client.owner.id());
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("bon.pdf", TestSigner.document("Bon"));
		files.put("abime.pdf", "%PDF-1.7\nceci n'est pas un PDF complet".getBytes(StandardCharsets.UTF_8));

		HttpResponse<byte[]> accepted = client.submit(files, List.of("level", "B-B"));

		assertThat(accepted.statusCode()).isEqualTo(202);
		JsonNode status = client.awaitCompleted(accepted.headers().firstValue("Location").orElseThrow(),
				Duration.ofMinutes(2));
		assertThat(status.get("done").asInt()).isEqualTo(1);
		assertThat(status.get("failed").asInt()).isEqualTo(1);
		JsonNode error = status.get("errors").get(0);
		assertThat(error.get("name").asString()).isEqualTo("abime.pdf");
		assertThat(error.get("code").asString()).startsWith("signing.error.");
		assertThat(error.get("detail").asString()).isNotBlank().doesNotContain("signing.error");
		assertThat(billing.balance(client.firm, client.owner.id())).isEqualTo(before.minus(price));
	}

	@Test
	void aBalanceThatDoesNotCoverTheWholeJobIsRefusedWith402AndNothingIsReserved() throws Exception {
		SealJobClient poor = SealJobClient.newFirm(context, port, billing.price(Operation.SEAL).times(2));
		Money before = billing.balance(poor.firm, poor.owner.id());
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (int i = 0; i < 3; i++) {
			files.put("doc-" + i + ".pdf", TestSigner.document("Document " + i));
		}

		HttpResponse<byte[]> refused = poor.submit(files, List.of());

		assertProblem(refused, 402);
		String missing = billing.price(Operation.SEAL).format(Locale.FRANCE);
		assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("il manque " + missing)
			.contains("/cabinet/compte");
		assertThat(billing.balance(poor.firm, poor.owner.id())).isEqualTo(before);
		assertThat(billing.statement(poor.firm, poor.owner.id(), Instant.EPOCH, Instant.now().plusSeconds(60),
				EntryKind.RESERVATION, 100)).isEmpty();
	}

	@Test
	void hostileZipsAreRefusedWithClearProblemsAndNothingIsReserved() throws Exception {
		Money before = billing.balance(client.firm, client.owner.id());
		byte[] pdf = TestSigner.document("Dans le ZIP");

		assertRefused(SealJobClient.zip(Map.of("../../etc/evil.pdf", pdf)), 400, "../../etc/evil.pdf");
		assertRefused(SealJobClient.zip(Map.of("/tmp/absolu.pdf", pdf)), 400, "/tmp/absolu.pdf");
		assertRefused(SealJobClient.zip(Map.of("C:/Windows/x.pdf", pdf)), 400, "C:/Windows/x.pdf");
		assertRefused(SealJobClient.zip(Map.of("dossier\\x.pdf", pdf)), 400, "dossier");
		assertRefused(SealJobClient.zip(Map.of("lot.zip", SealJobClient.zip(Map.of("a.pdf", pdf)))), 400, "lot.zip");
		assertRefused(SealJobClient.zip(Map.of("cache.pdf", SealJobClient.zip(Map.of("a.pdf", pdf)))), 400, "cache.pdf");
		assertRefused(SealJobClient.zip(Map.of("a.pdf", pdf, "notes.txt", "bonjour".getBytes(StandardCharsets.UTF_8))),
				415, "notes.txt");
		byte[] valid = SealJobClient.zip(Map.of("a.pdf", pdf));
		assertRefused(java.util.Arrays.copyOf(valid, valid.length / 2), 400, "illisible");
		assertRefused(SealJobClient.zip(Map.of("vide/", new byte[0])), 400, "aucun PDF");
		// A bomb: 64 MB of one byte repeated, a PDF header first, deflated to well under 1 MB; it stops at
		// 100 times the ZIP's size, read and counted, never at what its headers claim.
		byte[] bomb = new byte[64 * 1024 * 1024];
		System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, bomb, 0, 9);
		byte[] zippedBomb = SealJobClient.zip(Map.of("bombe.pdf", bomb));
		assertThat(zippedBomb.length).isLessThan(1024 * 1024);
		assertRefused(zippedBomb, 413, "Mo");

		assertThat(billing.balance(client.firm, client.owner.id())).isEqualTo(before);
		assertThat(billing.statement(client.firm, client.owner.id(), Instant.EPOCH, Instant.now().plusSeconds(60),
				EntryKind.RESERVATION, 100)).isEmpty();

		// A good ZIP: its PDFs (folders flattened), sealed.
		HttpResponse<byte[]> accepted = client.submit(Map.of("lot.zip",
				SealJobClient.zip(Map.of("janvier/a.pdf", pdf, "b.pdf", TestSigner.document("B")))), List.of("level", "B-B"));
		assertThat(accepted.statusCode()).isEqualTo(202);
		JsonNode status = client.awaitCompleted(accepted.headers().firstValue("Location").orElseThrow(),
				Duration.ofMinutes(2));
		assertThat(status.get("done").asInt()).isEqualTo(2);
	}

	@Test
	void aThousandAndOneFilesAreRefused() throws Exception {
		byte[] pdf = SealJobClient.onePage("Un de trop");
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (int i = 0; i <= SealJobs.MAX_DOCUMENTS; i++) {
			files.put("doc-" + i + ".pdf", pdf);
		}
		HttpResponse<byte[]> refused = client.submit(files, List.of());
		assertProblem(refused, 413);
		assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("1000").doesNotContain("Exception");

		Map<String, byte[]> zipped = new LinkedHashMap<>();
		for (int i = 0; i <= SealJobs.MAX_DOCUMENTS; i++) {
			zipped.put("doc-" + i + ".pdf", pdf);
		}
		assertRefused(SealJobClient.zip(zipped), 413, "1000");
		assertThat(billing.statement(client.firm, client.owner.id(), Instant.EPOCH, Instant.now().plusSeconds(60),
				EntryKind.RESERVATION, 100)).isEmpty();
	}

	@Test
	void anIdempotencyKeyReplayGetsTheSameJobAndIsChargedOnce() throws Exception {
		Money price = billing.price(Operation.SEAL);
		Money before = billing.balance(client.firm, client.owner.id());
		Map<String, byte[]> files = Map.of("a.pdf", TestSigner.document("A"), "b.pdf", TestSigner.document("B"));

		HttpResponse<byte[]> first = client.submit(files, List.of("level", "B-B"), "Idempotency-Key", "paie-2026-11");
		HttpResponse<byte[]> again = client.submit(files, List.of("level", "B-B"), "Idempotency-Key", "paie-2026-11");

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		client.awaitCompleted(first.headers().firstValue("Location").orElseThrow(), Duration.ofMinutes(2));
		assertThat(client.submit(files, List.of("level", "B-B"), "Idempotency-Key", "paie-2026-11")
			.headers()
			.firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(billing.balance(client.firm, client.owner.id())).isEqualTo(before.minus(price.times(2)));

		HttpResponse<byte[]> other = client.submit(Map.of("c.pdf", TestSigner.document("C")), List.of("level", "B-B"),
				"Idempotency-Key", "paie-2026-11");
		assertProblem(other, 422);
	}

	@Test
	void anotherFirmsJobIsNotFound() throws Exception {
		HttpResponse<byte[]> accepted = client.submit(Map.of("a.pdf", TestSigner.document("A")), List.of("level", "B-B"));
		String location = accepted.headers().firstValue("Location").orElseThrow();
		client.awaitCompleted(location, Duration.ofMinutes(2));
		SealJobClient other = SealJobClient.newFirm(context, port, Money.ZERO);

		assertProblem(other.get(location, other.key), 404);
		assertProblem(other.get(location + "/result.zip", other.key), 404);
		assertProblem(other.get("/api/v1/seal-jobs/pas-un-id", other.key), 404);
		assertProblem(client.get(location, null), 401);
		assertProblem(client.get(location + "/result.zip", "pk_faux"), 401);
		assertThat(client.get(location + "/result.zip", client.key).statusCode()).isEqualTo(200);
	}

	/** The firm's audit entries once the job's documents' entry is there (the listener runs after the commit). */
	private List<fr.paraphe.audit.AuditEntry> awaitAudit(int documents) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (true) {
			List<fr.paraphe.audit.AuditEntry> entries = audit.forFirm(client.firm, 500);
			int named = entries.stream()
				.filter(entry -> entry.action().equals("signing.job.documents.sealed"))
				.mapToInt(entry -> Integer.parseInt(entry.details().get("count")))
				.sum();
			boolean debited = entries.stream().anyMatch(entry -> entry.action().equals("billing.debited"));
			if ((named >= documents && debited) || System.nanoTime() > deadline) {
				return entries;
			}
			Thread.sleep(100);
		}
	}

	private void assertRefused(byte[] zip, int status, String shown) throws Exception {
		HttpResponse<byte[]> refused = client.submit(Map.of("lot.zip", zip), List.of());
		assertProblem(refused, status);
		assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains(shown);
	}

	private static void assertProblem(HttpResponse<byte[]> response, int status) {
		assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
	}

	/** EU DSS's verdict, offline, with only the Paraphe root trusted. */
	private SimpleReport dss(byte[] pdf) throws Exception {
		return SealApiIntegrationTests.dss(ca, pdf);
	}

	static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	/** Collects the {@link SealJobCompleted} events, whichever thread publishes them. */
	static class Completions {

		final ConcurrentLinkedQueue<SealJobCompleted> events = new ConcurrentLinkedQueue<>();

		@EventListener
		void on(SealJobCompleted event) {
			events.add(event);
		}

	}

	@TestConfiguration
	static class Listening {

		@Bean
		Completions completions() {
			return new Completions();
		}

	}

}
