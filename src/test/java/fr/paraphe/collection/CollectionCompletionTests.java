package fr.paraphe.collection;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.paraphe.MutableClock;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.collection.internal.CollectionJobs;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.notification.Message;
import fr.paraphe.shared.Money;
import fr.paraphe.signing.CheckedSeals;
import fr.paraphe.signing.SealChecks;
import fr.paraphe.validation.TestSigner;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.test.util.ReflectionTestUtils;

import tools.jackson.databind.JsonNode;

import static fr.paraphe.collection.CollectionPreparationTests.email;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firm's side of a completion: the firm's seal, when asked, on each document (EU DSS, only our root trusted);
 * the evidence file's links e-mailed to the preparer and the launcher; reminders on the collection's schedule
 * (moved clock), sent once however many nodes run the job.
 */
@ParapheIntegrationTest
class CollectionCompletionTests extends CollectionTest {

	@Autowired
	SealChecks checks;

	@Autowired
	CollectionJobs jobs;

	@Autowired
	JdbcClient jdbc;

	CollectionCompletionTests() {
		super("Cabinet Cachet", Money.parse("50"));
	}

	@BeforeEach
	void aSeal() {
		new CheckedSeals(firms, users, checks).issue(owner, firm);
	}

	private String launched(String anne, boolean seal, String reminders, byte[]... pdfs) throws Exception {
		StringBuilder places = new StringBuilder();
		for (int i = 1; i <= pdfs.length; i++) {
			places.append(i > 1 ? "," : "").append("{\"document\":").append(i)
				.append(",\"page\":1,\"x\":300,\"y\":40,\"width\":200,\"height\":60}");
		}
		HttpResponse<String> created = fixture.create(key, "{\"title\":\"Comptes annuels 2026\",\"seal\":" + seal
				+ (reminders == null ? "" : ",\"reminderDays\":" + reminders) + ",\"signers\":[{\"kind\":\"CLIENT\","
				+ "\"civility\":\"Mme\",\"givenName\":\"Anne\",\"surname\":\"Un\",\"email\":\"" + anne
				+ "\",\"places\":[" + places + "]}]}", null, pdfs);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = json.readTree(created.body()).get("id").asString();
		HttpResponse<String> launched = fixture.post("/api/v1/collections/" + id + "/launch", key, null, null);
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
		return id;
	}

	private void signs(String address) {
		String token = fixture.latestToken(address);
		desk.sendCode(token, true, null, Collections.Origin.SERVER);
		desk.sign(token, fixture.latestCode(address), null, Collections.Origin.SERVER);
	}

	@Test
	void theFirmsSealIsOnEachDocumentAtCompletionAndTheFirmGetsTheEvidenceLinks() throws Exception {
		String anne = email();
		String id = launched(anne, true, null, TestSigner.document("Bilan"), TestSigner.document("Annexe", "page 2"));
		signs(anne);
		JsonNode done = json.readTree(fixture.get("/api/v1/collections/" + id, key, null).body());
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		for (int document = 1; document <= 2; document++) {
			byte[] pdf = fixture.get("/api/v1/collections/" + id + "/documents/" + document, key, null).body();
			SimpleReport report = fixture.dss(pdf);
			assertThat(report.getSignatureIdList()).as("the client's signature and the firm's seal").hasSize(2);
			List<String> signedBy = new ArrayList<>();
			for (String signature : report.getSignatureIdList()) {
				assertThat(report.getIndication(signature)).as(signature).isEqualTo(Indication.TOTAL_PASSED);
				signedBy.add(report.getSignedBy(signature));
			}
			assertThat(signedBy).anyMatch(name -> name.contains("Cabinet Cachet")).anyMatch(name -> name.contains("Anne"));
			assertThat(report.getSignatureFormat(report.getSignatureIdList().get(1)))
				.isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LTA);
		}
		String trail = new String(fixture.get("/api/v1/collections/" + id + "/evidence", key, null).body(),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(trail).contains("document1.sealed", "document2.sealed");

		// The preparer (and launcher) gets the evidence file's links with the completion.
		Message completed = notifications.sentTo(owner.email())
			.stream()
			.filter(message -> "collection-state".equals(message.template()) && message.text().contains("preuves.pdf"))
			.findFirst()
			.orElseThrow();
		assertThat(completed.text()).contains("/collectes/" + id + "/preuves.pdf", "/collectes/" + id + "/preuves.json");

		// Without the seal asked: only the client's signature.
		String bruno = email();
		String plain = launched(bruno, false, null, TestSigner.document("Bilan"));
		signs(bruno);
		SimpleReport report = fixture.dss(fixture.get("/api/v1/collections/" + plain + "/documents/1", key, null).body());
		assertThat(report.getSignatureIdList()).hasSize(1);
	}

	private long runs() {
		return jdbc.sql("SELECT runs FROM scheduled_job_lock WHERE name = 'collection-jobs'").query(Long.class).optional().orElse(0L);
	}

	@Test
	void remindersGoOnTheScheduleAndOnceWhateverTheNodes() throws Exception {
		String anne = email();
		String id = launched(anne, false, "[2,5]", TestSigner.document("Lettre"));
		Instant invited = Instant.parse(json.readTree(fixture.get("/api/v1/collections/" + id, key, null).body())
			.get("signers").get(0).get("invitedAt").asString());
		assertThat(fixture.links(anne)).isEqualTo(1);
		jobs.remind(invited.plus(Duration.ofDays(1)));
		assertThat(fixture.links(anne)).as("not before day 2").isEqualTo(1);
		jobs.remind(invited.plus(Duration.ofDays(2)).plusSeconds(60));
		assertThat(fixture.links(anne)).isEqualTo(2);
		jobs.remind(invited.plus(Duration.ofDays(3)));
		assertThat(fixture.links(anne)).as("once per due date").isEqualTo(2);
		String reminded = fixture.latestToken(anne);

		// Day 5, the job fired on two nodes at once: one reminder.
		Object target = AopTestUtils.getTargetObject(jobs);
		Clock real = (Clock) ReflectionTestUtils.getField(target, "clock");
		ReflectionTestUtils.setField(target, "clock", new MutableClock(invited.plus(Duration.ofDays(5)).plusSeconds(60)));
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		long[] runsBefore = { 0 };
		try {
			jdbc.sql("UPDATE scheduled_job_lock SET locked_until = ? WHERE name = 'collection-jobs'")
				.param(java.sql.Timestamp.from(Instant.now().minusSeconds(1)))
				.update();
			runsBefore[0] = runs();
			List<Callable<Void>> both = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				both.add(() -> {
					ReflectionTestUtils.invokeMethod(target, "scheduled");
					return null;
				});
			}
			for (Future<Void> run : nodes.invokeAll(both)) {
				run.get();
			}
		}
		finally {
			nodes.shutdownNow();
			ReflectionTestUtils.setField(target, "clock", real);
		}
		assertThat(runs() - runsBefore[0]).as("the job ran on one node only").isEqualTo(1);
		assertThat(fixture.links(anne)).as("one reminder on day 5, not two").isEqualTo(3);
		assertThat(fixture.latestToken(anne)).isNotEqualTo(reminded);
		assertThat(desk.open(fixture.latestToken(anne), Collections.Origin.SERVER).collection().toString()).isEqualTo(id);
		// Then every 5 days: day 10.
		jobs.remind(invited.plus(Duration.ofDays(9)));
		assertThat(fixture.links(anne)).isEqualTo(3);
		jobs.remind(invited.plus(Duration.ofDays(10)).plusSeconds(60));
		assertThat(fixture.links(anne)).isEqualTo(4);
		JsonNode timeline = json.readTree(fixture.get("/api/v1/collections/" + id + "/evidence", key, null).body());
		assertThat(timeline.toString()).contains("signer.reminded");
	}

}
