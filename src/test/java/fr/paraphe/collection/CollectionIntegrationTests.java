package fr.paraphe.collection;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.billing.Operation;
import fr.paraphe.collection.internal.CollectionJobs;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.SignerDesk;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.validation.TestSigner;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signature collections end to end against the running server: the API (create, launch, cancel, read), the signers'
 * links and codes, the order, the signatures (EU DSS, only our root trusted), the reservations released exactly on a
 * decline, an expiry or a cancellation, and retention.
 */
@ParapheIntegrationTest
class CollectionIntegrationTests extends CollectionTest {

	@Autowired
	Collections collections;

	@Autowired
	CollectionJobs jobs;

	@Autowired
	fr.paraphe.evidence.EvidenceTrails trails;

	private Money price;

	CollectionIntegrationTests() {
		super("Cabinet Collecte", Money.parse("50"));
	}

	@BeforeEach
	void thePrice() {
		price = billing.tariffAt(Instant.now()).grossPrice(Operation.COLLECTION_SIGNER);
	}

	private static String client(String given, String surname, String email, String phone, String channel) {
		return "{\"kind\":\"CLIENT\",\"civility\":\"Mme\",\"givenName\":\"" + given + "\",\"surname\":\"" + surname
				+ "\",\"email\":" + (email == null ? "null" : "\"" + email + "\"") + ",\"phone\":"
				+ (phone == null ? "null" : "\"" + phone + "\"") + ",\"channel\":\"" + channel
				+ "\",\"places\":[{\"document\":1,\"page\":1,\"x\":300,\"y\":40,\"width\":200,\"height\":60}]}";
	}

	private static String collection(String order, String... signers) {
		return "{\"title\":\"Lettre de mission 2026\",\"message\":\"Bonjour,\\nvoici votre lettre.\",\"order\":\"" + order
				+ "\",\"signers\":[" + String.join(",", signers) + "]}";
	}

	private static String email() {
		return "client-" + UUID.randomUUID() + "@exemple.test";
	}

	private JsonNode created(String collectionJson) throws Exception {
		HttpResponse<String> response = fixture.create(key, collectionJson, null, TestSigner.document("Lettre de mission"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body());
	}

	private JsonNode launched(JsonNode created) throws Exception {
		HttpResponse<String> response = fixture.post("/api/v1/collections/" + created.get("id").asString() + "/launch", key,
				null, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private JsonNode read(String id) throws Exception {
		HttpResponse<byte[]> response = fixture.get("/api/v1/collections/" + id, key, null);
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private Money balance() {
		return billing.balance(firm, owner.id());
	}

	/** The signer with this address signs from their link, with the code read from the outbox. */
	private void signs(String address) {
		String token = fixture.latestToken(address);
		desk.sendCode(token, true, null, Collections.Origin.SERVER);
		desk.sign(token, fixture.latestCode(address), null, new Collections.Origin("203.0.113.7", "Test"));
	}

	@Test
	void twoClientsInSequenceSignFromTheirLinksThenTheOwnerAndItCompletesAtBLta() throws Exception {
		ca.issue(new NaturalPerson(owner.id(), "Odile", "Expert", "IDCFR-COL-" + UUID.randomUUID().toString().substring(0, 8), "FR"));
		String first = email();
		String phone = "+3361" + String.format("%07d", (int) (Math.random() * 10_000_000));
		String member = "{\"kind\":\"MEMBER\",\"userId\":\"" + owner.id().value() + "\"}";
		JsonNode draft = created(collection("SEQUENTIAL", client("Claire", "Martin", first, null, "EMAIL"),
				client("Paul", "Durand", null, phone, "SMS"), member));
		assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
		assertThat(draft.get("signers")).hasSize(3);
		Money before = balance();

		JsonNode running = launched(draft);
		String id = running.get("id").asString();
		assertThat(running.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(running.get("signers").get(0).get("status").asString()).isEqualTo("INVITED");
		assertThat(running.get("signers").get(1).get("status").asString()).isEqualTo("WAITING");
		assertThat(balance()).isEqualTo(before.minus(price.times(3)));
		assertThat(fixture.links(phone)).as("the second signer is invited only when the first signed").isZero();

		// The first client signs through the pages, as a browser without JavaScript would.
		CollectionFixture.SignerBrowser browser = fixture.new SignerBrowser();
		String token = fixture.latestToken(first);
		HttpResponse<String> page = browser.open("/collecte/" + token);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Lettre de mission 2026", "Cabinet Collecte", "Recevoir mon code");
		HttpResponse<String> refused = browser.submit("/collecte/" + token + "/code");
		assertThat(refused.body()).contains("Cochez la case");
		HttpResponse<String> codePage = browser.submit("/collecte/" + token + "/code", "consent", "true");
		assertThat(codePage.body()).contains("Code envoyé");
		HttpResponse<String> wrong = browser.submit("/collecte/" + token + "/signature", "code", "000000".equals(
				fixture.latestCode(first)) ? "111111" : "000000");
		assertThat(wrong.body()).contains("Code incorrect");
		HttpResponse<String> signed = browser.submit("/collecte/" + token + "/signature", "code", fixture.latestCode(first));
		assertThat(signed.body()).contains("Votre signature a bien été apposée", "Vous avez signé");

		// The second, by SMS.
		assertThat(fixture.links(phone)).isEqualTo(1);
		signs(phone);

		// The owner signs with their own certificate, logged in as themselves.
		String ownerToken = fixture.latestToken(owner.email());
		assertThatThrownBy(() -> desk.sendCode(ownerToken, true, null, Collections.Origin.SERVER))
			.isInstanceOf(ProblemException.class)
			.hasMessageContaining("collection.error.loginAsMember");
		desk.sendCode(ownerToken, true, owner.id(), Collections.Origin.SERVER);
		desk.sign(ownerToken, fixture.latestCode(owner.email()), owner.id(), Collections.Origin.SERVER);

		JsonNode done = read(id);
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(balance()).as("the three signatures are paid, nothing more").isEqualTo(before.minus(price.times(3)));
		assertThat(billing.ledgerMatchesBalance(firm)).isTrue();

		HttpResponse<byte[]> pdf = fixture.get("/api/v1/collections/" + id + "/documents/1", key, null);
		assertThat(pdf.statusCode()).isEqualTo(200);
		SimpleReport report = fixture.dss(pdf.body());
		assertThat(report.getSignatureIdList()).hasSize(3);
		for (String signature : report.getSignatureIdList()) {
			assertThat(report.getIndication(signature)).as(signature).isEqualTo(Indication.TOTAL_PASSED);
			assertThat(report.getSignatureFormat(signature))
				.isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LTA);
		}
		// Every party gets a download link; the first client's new link opens the signed document.
		String download = fixture.latestToken(first);
		assertThat(download).isNotEqualTo(token);
		assertThat(browser.open("/collecte/" + download).body()).contains("Tous les signataires ont signé");
		assertThat(browser.open("/collecte/" + token).body()).as("the signing link shows the end too")
			.contains("Tous les signataires ont signé");
		assertThat(browser.open("/collecte/" + download + "/documents/1.pdf").statusCode()).isEqualTo(200);
	}

	@Test
	void aDeclineReleasesWhatTheOthersDidNotSign() throws Exception {
		String first = email();
		String second = email();
		String third = email();
		JsonNode draft = created(collection("SEQUENTIAL", client("Anne", "Un", first, null, "EMAIL"),
				client("Bruno", "Deux", second, null, "EMAIL"), client("Chloé", "Trois", third, null, "EMAIL")));
		Money before = balance();
		String id = launched(draft).get("id").asString();
		signs(first);
		String token = fixture.latestToken(second);
		desk.decline(token, "Le montant des honoraires ne me convient pas.", null, Collections.Origin.SERVER);
		JsonNode declined = read(id);
		assertThat(declined.get("status").asString()).isEqualTo("DECLINED");
		assertThat(declined.get("signers").get(1).get("status").asString()).isEqualTo("DECLINED");
		assertThat(balance()).isEqualTo(before.minus(price));
		assertThat(billing.ledgerMatchesBalance(firm)).isTrue();
		assertThat(fixture.links(third)).isZero();
		// The decliner's link now says the collection is over; a guessed one says it is not valid.
		CollectionFixture.SignerBrowser browser = fixture.new SignerBrowser();
		assertThat(browser.open("/collecte/" + token).body()).contains("Vous avez refusé de signer");
		HttpResponse<String> guessed = browser.open("/collecte/" + "A".repeat(43));
		assertThat(guessed.statusCode()).isEqualTo(404);
		assertThat(guessed.body()).contains("Ce lien de signature n’est pas valide");
	}

	@Test
	void anExpiredCollectionReleasesEveryUnsignedReservation() throws Exception {
		String first = email();
		String second = email();
		JsonNode draft = created(collection("PARALLEL", client("Anne", "Un", first, null, "EMAIL"),
				client("Bruno", "Deux", second, null, "EMAIL")));
		Money before = balance();
		String id = launched(draft).get("id").asString();
		signs(first);
		assertThat(jobs.expire(Instant.now().plus(Duration.ofDays(14)))).isZero();
		assertThat(jobs.expire(Instant.now().plus(Duration.ofDays(16)))).isGreaterThanOrEqualTo(1);
		assertThat(read(id).get("status").asString()).isEqualTo("EXPIRED");
		assertThat(balance()).isEqualTo(before.minus(price));
		HttpResponse<String> late = fixture.new SignerBrowser().open("/collecte/" + fixture.latestToken(second));
		assertThat(late.body()).contains("Cette collecte est terminée");
	}

	@Test
	void cancellingThroughTheApiReleasesEverything() throws Exception {
		JsonNode draft = created(collection("PARALLEL", client("Anne", "Un", email(), null, "EMAIL"),
				client("Bruno", "Deux", email(), null, "EMAIL")));
		Money before = balance();
		String id = launched(draft).get("id").asString();
		assertThat(balance()).isEqualTo(before.minus(price.times(2)));
		HttpResponse<String> cancelled = fixture.post("/api/v1/collections/" + id + "/cancel", key, null,
				"{\"reason\":\"Erreur dans la lettre\"}");
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		assertThat(json.readTree(cancelled.body()).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(balance()).isEqualTo(before);
		assertThat(fixture.post("/api/v1/collections/" + id + "/cancel", key, null, null).statusCode()).isEqualTo(409);
	}

	@Test
	void aLaunchWithoutFundsIsRefusedWithTheMissingAmountAndReservesNothing() throws Exception {
		User poor = users.recordLogin(new SsoProfile("collection-poor-" + UUID.randomUUID(), "Paul Pauvre", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Sans Fonds"));
		FirmId poorFirm = firms.membershipOf(poor.id()).orElseThrow().firm();
		String poorKey = apiKeys.create(poor.id(), poorFirm, "Logiciel").secret();
		HttpResponse<String> response = fixture.create(poorKey, collection("PARALLEL",
				client("Anne", "Un", email(), null, "EMAIL")), null, TestSigner.document("Lettre"));
		assertThat(response.statusCode()).isEqualTo(201);
		String id = json.readTree(response.body()).get("id").asString();
		HttpResponse<String> refused = fixture.post("/api/v1/collections/" + id + "/launch", poorKey, null, null);
		assertThat(refused.statusCode()).isEqualTo(402);
		assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(refused.body()).contains("il manque", "/cabinet/compte");
		assertThat(billing.balance(poorFirm, poor.id())).isEqualTo(Money.ZERO);
		assertThat(billing.statement(poorFirm, poor.id(), Instant.EPOCH, Instant.now().plusSeconds(60), null, 100)).isEmpty();
		assertThat(json.readTree(fixture.get("/api/v1/collections/" + id, poorKey, null).body()).get("status").asString())
			.isEqualTo("DRAFT");
	}

	@Test
	void anotherFirmsCollectionIsNotFoundAndALinkOpensOnlyItsSigner() throws Exception {
		String first = email();
		String second = email();
		JsonNode draft = created(collection("PARALLEL", client("Anne", "Un", first, null, "EMAIL"),
				client("Bruno", "Deux", second, null, "EMAIL")));
		String id = launched(draft).get("id").asString();
		User other = users.recordLogin(new SsoProfile("collection-other-" + UUID.randomUUID(), "Autre Expert", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Autre Cabinet"));
		FirmId otherFirm = firms.membershipOf(other.id()).orElseThrow().firm();
		String otherKey = apiKeys.create(other.id(), otherFirm, "Logiciel").secret();
		assertThat(fixture.get("/api/v1/collections/" + id, otherKey, null).statusCode()).isEqualTo(404);
		assertThat(fixture.post("/api/v1/collections/" + id + "/cancel", otherKey, null, null).statusCode()).isEqualTo(404);
		assertThat(fixture.get("/api/v1/collections/" + id, null, null).statusCode()).isEqualTo(401);

		String firstToken = fixture.latestToken(first);
		SignerDesk.Visit visit = desk.open(firstToken, Collections.Origin.SERVER);
		assertThat(visit.collection().toString()).isEqualTo(id);
		assertThat(visit.signer().toString()).isEqualTo(draft.get("signers").get(0).get("id").asString());
		String secondToken = fixture.latestToken(second);
		assertThat(desk.open(secondToken, Collections.Origin.SERVER).signer().toString())
			.isEqualTo(draft.get("signers").get(1).get("id").asString());
		// A reminder gives a new link and kills the old one.
		collections.remind(owner.id(), firm, UUID.fromString(id), visit.signer(), Collections.Origin.SERVER);
		assertThat(fixture.links(first)).isEqualTo(2);
		assertThat(fixture.latestToken(first)).isNotEqualTo(firstToken);
		assertThatThrownBy(() -> desk.open(firstToken, Collections.Origin.SERVER)).isInstanceOf(ProblemException.class)
			.hasMessageContaining("collection.link.unknown");
		assertThat(desk.open(fixture.latestToken(first), Collections.Origin.SERVER).signer()).isEqualTo(visit.signer());
		assertThatThrownBy(() -> collections.remind(owner.id(), firm, UUID.fromString(id), visit.signer(),
				Collections.Origin.SERVER)).hasMessageContaining("collection.error.remindedToday");
	}

	@Test
	void fiveParallelSignersAtOnceGiveOnePdfWithFiveValidSignatures() throws Exception {
		List<String> addresses = new ArrayList<>();
		List<String> signers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String address = email();
			addresses.add(address);
			signers.add(client("Signataire", "Parallèle", address, null, "EMAIL"));
		}
		JsonNode draft = created(collection("PARALLEL", signers.toArray(String[]::new)));
		String id = launched(draft).get("id").asString();
		List<String> tokens = new ArrayList<>();
		for (String address : addresses) {
			String token = fixture.latestToken(address);
			desk.sendCode(token, true, null, Collections.Origin.SERVER);
			tokens.add(token);
		}
		ExecutorService pool = Executors.newFixedThreadPool(5);
		try {
			List<Callable<Void>> all = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				String token = tokens.get(i);
				String code = fixture.latestCode(addresses.get(i));
				all.add(() -> {
					desk.sign(token, code, null, Collections.Origin.SERVER);
					return null;
				});
			}
			for (Future<Void> done : pool.invokeAll(all)) {
				done.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(read(id).get("status").asString()).isEqualTo("COMPLETED");
		byte[] pdf = fixture.get("/api/v1/collections/" + id + "/documents/1", key, null).body();
		SimpleReport report = fixture.dss(pdf);
		assertThat(report.getSignatureIdList()).hasSize(5);
		for (String signature : report.getSignatureIdList()) {
			assertThat(report.getIndication(signature)).as(signature).isEqualTo(Indication.TOTAL_PASSED);
		}
		assertThat(trails.verify(UUID.fromString(id))).as("the evidence chain verifies").isTrue();
		String trail = new String(trails.json(UUID.fromString(id)), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(trail).contains("signer.code.sent", "signer.signed", "sha256Before", "collection.completed");
		// Retention: the documents go a month after the end, the evidence stays.
		jobs.purge(Instant.now().plus(Duration.ofDays(31)));
		assertThat(fixture.get("/api/v1/collections/" + id + "/documents/1", key, null).statusCode()).isEqualTo(404);
		HttpResponse<byte[]> evidence = fixture.get("/api/v1/collections/" + id + "/evidence", key, null);
		assertThat(evidence.statusCode()).isEqualTo(200);
		assertThat(new String(evidence.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("signer.signed");
	}

	@Test
	void badInputIsRefusedAsProblemDetails() throws Exception {
		assertProblem(fixture.create(key, "{nope", null, TestSigner.document("x")), 400);
		assertProblem(fixture.create(key, collection("PARALLEL"), null, TestSigner.document("x")), 400);
		assertProblem(fixture.create(key, collection("PARALLEL", client("Anne", "Un", "pas-une-adresse", null, "EMAIL")),
				null, TestSigner.document("x")), 400);
		assertProblem(fixture.create(key, collection("PARALLEL", client("Anne", "Un", email(), null, "SMS")), null,
				TestSigner.document("x")), 400);
		assertProblem(fixture.create(key, collection("PARALLEL", client("Anne", "Un", email(), null, "EMAIL")), null,
				"pas un pdf".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 415);
		assertProblem(fixture.create(key, collection("PARALLEL", client("Anne", "Un", email(), null, "EMAIL")), null), 400);
		assertProblem(fixture.create(key, collection("PARALLEL", client("Anne", "Un", email(), null, "EMAIL")
			.replace("\"x\":300", "\"x\":3000")), null, TestSigner.document("x")), 400);
		assertProblem(fixture.create("pph_wrong", collection("PARALLEL", client("Anne", "Un", email(), null, "EMAIL")),
				null, TestSigner.document("x")), 401);
		assertThat(fixture.get("/api/v1/collections/not-an-id", key, null).statusCode()).isEqualTo(404);
		assertThat(fixture.get("/api/v1/collections?status=NOPE", key, null).statusCode()).isEqualTo(400);
	}

	@Test
	void theSameIdempotencyKeyCreatesAndLaunchesOnce() throws Exception {
		String body = collection("PARALLEL", client("Anne", "Un", email(), null, "EMAIL"));
		HttpResponse<String> first = fixture.create(key, body, "lettre-2026-anne", TestSigner.document("x"));
		HttpResponse<String> again = fixture.create(key, body, "lettre-2026-anne", TestSigner.document("x"));
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		String id = json.readTree(first.body()).get("id").asString();
		assertThat(json.readTree(again.body()).get("id").asString()).isEqualTo(id);
		Money before = balance();
		assertThat(fixture.post("/api/v1/collections/" + id + "/launch", key, "go-1", null).statusCode()).isEqualTo(200);
		HttpResponse<String> replay = fixture.post("/api/v1/collections/" + id + "/launch", key, "go-1", null);
		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(balance()).isEqualTo(before.minus(price));
		assertThat(fixture.post("/api/v1/collections/" + id + "/launch", key, null, null).statusCode()).isEqualTo(409);
		HttpResponse<byte[]> list = fixture.get("/api/v1/collections?status=IN_PROGRESS", key, null);
		assertThat(new String(list.body(), java.nio.charset.StandardCharsets.UTF_8)).contains(id);
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
	}

}
