package fr.paraphe.collection;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.collection.internal.Collection;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.DraftEdits;
import fr.paraphe.collection.internal.DraftRequest;
import fr.paraphe.collection.internal.SignerKind;
import fr.paraphe.firm.Delegation;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.notification.Message;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The preparer's side of collections against the running server: drafts edited (PUT, PATCH) and deleted through
 * the API, only as drafts, only by their firm and by a member with PREPARE; recipients in copy who receive the
 * signed documents and nothing else.
 */
@ParapheIntegrationTest
class CollectionPreparationTests extends CollectionTest {

	private static final Pattern COPY_LINK = Pattern.compile("/collecte/copie/([A-Za-z0-9_-]{43})");

	@Autowired
	DraftEdits edits;

	@Autowired
	fr.paraphe.evidence.EvidenceTrails trails;

	CollectionPreparationTests() {
		super("Cabinet Préparation", Money.parse("50"));
	}

	static String client(String given, String surname, String email) {
		return "{\"kind\":\"CLIENT\",\"civility\":\"Mme\",\"givenName\":\"" + given + "\",\"surname\":\"" + surname
				+ "\",\"email\":\"" + email + "\",\"channel\":\"EMAIL\","
				+ "\"places\":[{\"document\":1,\"page\":1,\"x\":300,\"y\":40,\"width\":200,\"height\":60}]}";
	}

	static String email() {
		return "client-" + UUID.randomUUID() + "@exemple.test";
	}

	private JsonNode created(String body) throws Exception {
		HttpResponse<String> response = fixture.create(key, body, null, TestSigner.document("Lettre de mission"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body());
	}

	private HttpResponse<String> send(String method, String path, String apiKey, String body) throws Exception {
		return fixture.send(method, path, apiKey, body);
	}

	private User collaborator(Delegation delegation) {
		String address = "prep-" + UUID.randomUUID() + "@cabinet.test";
		UUID member = firms.addCollaborator(firm, owner.id(), address);
		User user = users.recordLogin(new SsoProfile("prep-c-" + UUID.randomUUID(), "Colin Collaborateur", address,
				Role.COLLABORATEUR, siren, "Cabinet Préparation"));
		if (delegation != null) {
			firms.grant(firm, owner.id(), member, delegation, null);
		}
		return user;
	}

	@Test
	void aDraftIsPatchedReplacedAndDeletedThroughTheApiAndEachChangeIsInTheTrail() throws Exception {
		String anne = email();
		JsonNode draft = created("{\"title\":\"Lettre 2026\",\"order\":\"SEQUENTIAL\",\"signers\":["
				+ client("Anne", "Un", anne) + "," + client("Bruno", "Deux", email()) + "]}");
		String id = draft.get("id").asString();

		HttpResponse<String> patched = send("PATCH", "/api/v1/collections/" + id, key,
				"{\"title\":\"Lettre de mission 2027\",\"message\":\"Bonjour {{prénom}}\",\"reminderDays\":[],"
						+ "\"deadline\":\"2099-01-31T23:00:00Z\",\"order\":\"PARALLEL\","
						+ "\"copies\":[{\"name\":\"Maître Avocat\",\"email\":\"avocat@exemple.test\"}]}");
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		JsonNode after = json.readTree(patched.body());
		assertThat(after.get("title").asString()).isEqualTo("Lettre de mission 2027");
		assertThat(after.get("order").asString()).isEqualTo("PARALLEL");
		assertThat(after.get("reminderDays")).isEmpty();
		assertThat(after.get("deadline").asString()).startsWith("2099-01-31");
		assertThat(after.get("signers")).as("signers not in the patch stay, with their places").hasSize(2);
		assertThat(after.get("signers").get(0).get("places")).hasSize(1);
		assertThat(after.get("signers").get(0).get("email").asString()).isEqualTo(anne);
		assertThat(after.get("copies").get(0).get("email").asString()).isEqualTo("avocat@exemple.test");

		HttpResponse<String> replaced = send("PUT", "/api/v1/collections/" + id, key,
				"{\"title\":\"Lettre remplacée\",\"signers\":[" + client("Chloé", "Trois", email()) + "]}");
		assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
		JsonNode put = json.readTree(replaced.body());
		assertThat(put.get("signers")).hasSize(1);
		assertThat(put.get("order").asString()).isEqualTo("SEQUENTIAL");
		assertThat(put.get("copies")).isEmpty();
		assertThat(put.get("reminderDays")).as("the default schedule again").hasSize(2);

		// Bad input: problem details, nothing changed.
		assertProblem(send("PATCH", "/api/v1/collections/" + id, key, "{\"signers\":[" + client("Chloé", "Trois",
				"pas-une-adresse") + "]}"), 400, "adresse électronique du signataire n° 1");
		assertProblem(send("PATCH", "/api/v1/collections/" + id, key,
				"{\"copies\":[{\"name\":\"X\",\"email\":\"non\"}]}"), 400, "destinataire en copie n° 1");
		assertProblem(send("PATCH", "/api/v1/collections/" + id, key, "{nope"), 400, null);
		assertProblem(send("PATCH", "/api/v1/collections/" + id, key, "[1]"), 400, null);
		assertProblem(send("PATCH", "/api/v1/collections/" + id, key, "{\"signers\":[" + client("Chloé", "Trois", email())
			.replace("\"x\":300", "\"x\":3000") + "]}"), 400, null);
		assertProblem(send("PATCH", "/api/v1/collections/" + id, key, "{\"deadline\":\"2001-01-01T00:00:00Z\"}"), 400, null);
		assertThat(json.readTree(fixture.get("/api/v1/collections/" + id, key, null).body()).get("title").asString())
			.isEqualTo("Lettre remplacée");

		HttpResponse<String> deleted = send("DELETE", "/api/v1/collections/" + id, key, null);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
		assertThat(fixture.get("/api/v1/collections/" + id, key, null).statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "/api/v1/collections/" + id, key, null).statusCode()).isEqualTo(404);
		String trail = new String(trails.json(UUID.fromString(id)), StandardCharsets.UTF_8);
		assertThat(trail).contains("collection.created", "collection.edited", "collection.deleted");
		assertThat(trails.verify(UUID.fromString(id))).isTrue();
	}

	@Test
	void aSignersOptionsSurviveAnEditADuplicateAndAModel() throws Exception {
		String options = "\"options\":{\"initials\":true,\"mention\":\"Lu et approuvé\",\"placeAndDate\":true,"
				+ "\"attachments\":[{\"label\":\"RIB\",\"types\":[\"PDF\"]}]},";
		JsonNode draft = created("{\"title\":\"Mandat SEPA\",\"signers\":["
				+ client("Anne", "Un", email()).replace("{\"kind\"", "{" + options + "\"kind\"") + "]}");
		String id = draft.get("id").asString();
		assertOptions(draft);

		HttpResponse<String> patched = send("PATCH", "/api/v1/collections/" + id, key, "{\"title\":\"Mandat 2027\"}");
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		assertOptions(json.readTree(patched.body()));

		HttpResponse<String> duplicate = fixture.post("/api/v1/collections/" + id + "/duplicate", key, null, null);
		assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(201);
		assertOptions(json.readTree(duplicate.body()));

		HttpResponse<String> model = fixture.post("/api/v1/collections/" + id + "/model", key, null, null);
		assertThat(model.statusCode()).as(model.body()).isEqualTo(201);
		assertThat(model.body()).contains("Lu et approuvé", "RIB");
	}

	private static void assertOptions(JsonNode collection) {
		JsonNode options = collection.get("signers").get(0).get("options");
		assertThat(options.get("initials").asBoolean()).as(collection.toString()).isTrue();
		assertThat(options.get("mention").asString()).isEqualTo("Lu et approuvé");
		assertThat(options.get("placeAndDate").asBoolean()).isTrue();
		assertThat(options.get("attachments").get(0).get("label").asString()).isEqualTo("RIB");
	}

	@Test
	void onlyADraftOfTheFirmIsEditedOrDeletedAndOnlyWithPrepare() throws Exception {
		JsonNode draft = created("{\"title\":\"Lettre 2026\",\"signers\":[" + client("Anne", "Un", email()) + "]}");
		String id = draft.get("id").asString();
		UUID collection = UUID.fromString(id);

		User other = users.recordLogin(new SsoProfile("prep-other-" + UUID.randomUUID(), "Autre Expert", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Autre Cabinet"));
		FirmId otherFirm = firms.membershipOf(other.id()).orElseThrow().firm();
		String otherKey = apiKeys.create(other.id(), otherFirm, "Logiciel").secret();
		assertProblem(send("PATCH", "/api/v1/collections/" + id, otherKey, "{\"title\":\"Volé\"}"), 404, null);
		assertProblem(send("PUT", "/api/v1/collections/" + id, otherKey, "{\"title\":\"Volé\",\"signers\":["
				+ client("Anne", "Un", email()) + "]}"), 404, null);
		assertProblem(send("DELETE", "/api/v1/collections/" + id, otherKey, null), 404, null);
		assertThat(send("DELETE", "/api/v1/collections/" + id, null, null).statusCode()).isEqualTo(401);
		assertThatThrownBy(() -> edits.delete(other.id(), firm, collection, Collections.Origin.SERVER))
			.isInstanceOf(ProblemException.class);

		User launcher = collaborator(Delegation.LAUNCH);
		assertThatThrownBy(() -> edits.delete(launcher.id(), firm, collection, Collections.Origin.SERVER))
			.isInstanceOf(ProblemException.class)
			.satisfies(refused -> assertThat(((ProblemException) refused).getStatusCode().value()).isEqualTo(403));
		User nobody = collaborator(null);
		assertThatThrownBy(() -> edits.update(nobody.id(), firm, collection,
				new DraftRequest("Volé", null, null, null, null, null, java.util.List.of()), Collections.Origin.SERVER))
			.isInstanceOf(ProblemException.class)
			.satisfies(refused -> assertThat(((ProblemException) refused).getStatusCode().value()).isEqualTo(403));
		User preparer = collaborator(Delegation.PREPARE);
		Collection renamed = edits.update(preparer.id(), firm, collection, new DraftRequest("Renommée", null, null, null,
				null, null, java.util.List.of(new DraftRequest.NewSigner(SignerKind.CLIENT, "M.", "Paul", "Durand",
						email(), null, null, null, null, null))), Collections.Origin.SERVER);
		assertThat(renamed.title()).isEqualTo("Renommée");

		// Launched: no longer a draft.
		assertThat(fixture.post("/api/v1/collections/" + id + "/launch", key, null, null).statusCode()).isEqualTo(200);
		assertProblem(send("PATCH", "/api/v1/collections/" + id, key, "{\"title\":\"Trop tard\"}"), 409, null);
		assertProblem(send("DELETE", "/api/v1/collections/" + id, key, null), 409, null);
	}

	@Test
	void recipientsInCopyGetTheSignedDocumentsAndNeverTheSignersAddresses() throws Exception {
		String anne = email();
		String lawyer = "avocat-" + UUID.randomUUID() + "@exemple.test";
		JsonNode draft = created("{\"title\":\"Mandat SEPA\",\"order\":\"PARALLEL\",\"signers\":[" + client("Anne", "Un", anne)
				+ "],\"copies\":[{\"name\":\"Maître Luc Avocat\",\"email\":\"" + lawyer.toUpperCase(java.util.Locale.ROOT)
				+ "\"}]}");
		String id = draft.get("id").asString();
		assertThat(draft.get("copies").get(0).get("email").asString()).isEqualTo(lawyer);
		assertThat(fixture.post("/api/v1/collections/" + id + "/launch", key, null, null).statusCode()).isEqualTo(200);
		assertThat(notifications.sentTo(lawyer)).as("a recipient in copy is not invited to sign").isEmpty();

		String token = fixture.latestToken(anne);
		desk.sendCode(token, true, null, Collections.Origin.SERVER);
		desk.sign(token, fixture.latestCode(anne), null, Collections.Origin.SERVER);
		assertThat(json.readTree(fixture.get("/api/v1/collections/" + id, key, null).body()).get("status").asString())
			.isEqualTo("COMPLETED");

		assertThat(notifications.sentTo(lawyer)).hasSize(1);
		Message mail = notifications.sentTo(lawyer).get(0);
		assertThat(mail.template()).isEqualTo("collection-copy");
		assertThat(mail.text()).doesNotContain(anne).contains("Mandat SEPA");
		Matcher link = COPY_LINK.matcher(mail.text());
		assertThat(link.find()).as(mail.text()).isTrue();
		CollectionFixture.SignerBrowser browser = fixture.new SignerBrowser();
		HttpResponse<String> page = browser.open("/collecte/copie/" + link.group(1));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Maître Luc Avocat", "Cabinet Préparation", "document-1.pdf").doesNotContain(anne);
		HttpResponse<byte[]> pdf = fixture.get("/collecte/copie/" + link.group(1) + "/documents/1.pdf", null, null);
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(fixture.dss(pdf.body()).getSignatureIdList()).hasSize(1);
		assertThat(browser.open("/collecte/copie/" + "B".repeat(43)).statusCode()).isEqualTo(404);
		assertThat(browser.open("/collecte/copie/" + link.group(1) + "/documents/9.pdf").statusCode()).isEqualTo(404);
		assertThat(new String(trails.json(UUID.fromString(id)), StandardCharsets.UTF_8)).contains("copy.delivered")
			.doesNotContain(lawyer);
	}

	static void assertProblem(HttpResponse<String> response, int status, String text) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		if (text != null) {
			assertThat(response.body()).contains(text);
		}
	}

}
