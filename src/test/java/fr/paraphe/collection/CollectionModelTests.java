package fr.paraphe.collection;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.shared.FirmId;
import fr.paraphe.signing.ApiKeys;
import fr.paraphe.validation.TestSigner;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static fr.paraphe.collection.CollectionPreparationTests.assertProblem;
import static fr.paraphe.collection.CollectionPreparationTests.client;
import static fr.paraphe.collection.CollectionPreparationTests.email;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Models: a collection saved as a model keeps its signers, places, message and order, and makes new drafts on new
 * PDFs of the same layout; a PDF with fewer pages or other page sizes than the places need is refused in French.
 * Duplicates; another firm's models are not found.
 */
@ParapheIntegrationTest
class CollectionModelTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	ApiKeys apiKeys;

	@Autowired
	Notifications notifications;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	JsonMapper json;

	private CollectionFixture fixture;

	private String key;

	@BeforeEach
	void aFirmWithAKey() {
		fixture = new CollectionFixture(port, notifications, ca);
		key = keyOfANewFirm();
	}

	private String keyOfANewFirm() {
		User owner = users.recordLogin(new SsoProfile("model-owner-" + UUID.randomUUID(), "Odile Expert",
				"odile-" + UUID.randomUUID() + "@cabinet.test", Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Modèle"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		return apiKeys.create(owner.id(), firm, "Logiciel").secret();
	}

	/** A PDF of US Letter pages (not A4). */
	private static byte[] letter(int pages) throws Exception {
		try (PDDocument document = new PDDocument()) {
			for (int i = 0; i < pages; i++) {
				document.addPage(new PDPage(PDRectangle.LETTER));
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
	}

	private HttpResponse<String> fromModel(String apiKey, String model, String title, byte[]... pdfs) throws Exception {
		// The fixture's multipart, with the title as a field instead of the collection JSON.
		return fixture.multipart("/api/v1/collection-models/" + model + "/collections", apiKey, title == null ? null
				: java.util.Map.of("title", title), pdfs);
	}

	@Test
	void aModelKeepsSignersPlacesMessageAndOrderAndRefusesAnotherLayout() throws Exception {
		String anne = email();
		String second = client("Bruno", "Deux", email()).replace("\"page\":1", "\"page\":2");
		HttpResponse<String> created = fixture.create(key, "{\"title\":\"Lettre de mission 2026\",\"message\":\"Bonjour,\\n"
				+ "voici la lettre.\",\"order\":\"PARALLEL\",\"reminderDays\":[5],\"signers\":[" + client("Anne", "Un", anne)
				+ "," + second + "],\"copies\":[{\"name\":\"Maître Avocat\",\"email\":\"avocat@exemple.test\"}]}", null,
				TestSigner.document("Lettre", "Conditions"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = json.readTree(created.body()).get("id").asString();

		HttpResponse<String> saved = fixture.post("/api/v1/collections/" + id + "/model", key, null,
				"{\"name\":\"Lettre annuelle\"}");
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
		JsonNode model = json.readTree(saved.body());
		String modelId = model.get("id").asString();
		assertThat(model.get("name").asString()).isEqualTo("Lettre annuelle");
		assertThat(model.get("collection").get("deadline").isNull()).isTrue();
		assertThat(new String(fixture.get("/api/v1/collection-models", key, null).body())).contains(modelId);

		HttpResponse<String> fresh = fromModel(key, modelId, "Lettre de mission 2027",
				TestSigner.document("Lettre 2027", "Conditions 2027", "Annexe"));
		assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(201);
		JsonNode draft = json.readTree(fresh.body());
		assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
		assertThat(draft.get("title").asString()).isEqualTo("Lettre de mission 2027");
		assertThat(draft.get("message").asString()).isEqualTo("Bonjour,\nvoici la lettre.");
		assertThat(draft.get("order").asString()).isEqualTo("PARALLEL");
		assertThat(draft.get("reminderDays").get(0).asInt()).isEqualTo(5);
		assertThat(draft.get("signers")).hasSize(2);
		assertThat(draft.get("signers").get(0).get("email").asString()).isEqualTo(anne);
		assertThat(draft.get("signers").get(1).get("places").get(0).get("page").asInt()).isEqualTo(2);
		assertThat(draft.get("copies").get(0).get("name").asString()).isEqualTo("Maître Avocat");
		assertThat(draft.get("id").asString()).isNotEqualTo(id);

		assertProblem(fromModel(key, modelId, null, TestSigner.document("Une seule page")), 400,
				"n’a que 1 page(s), alors qu’un emplacement de signature du modèle est en page 2");
		assertProblem(fromModel(key, modelId, null, letter(2)), 400, "n’a pas la taille de celle du modèle (210 × 297 mm attendu, 216 × 279 mm fourni)");
		assertProblem(fromModel(key, modelId, null, TestSigner.document("a", "b"), TestSigner.document("c")), 400,
				"Ce modèle demande 1 document(s) PDF ; vous en avez fourni 2.");
		assertProblem(fromModel(key, modelId, null), 400, null);
		assertProblem(fromModel(key, modelId, null, "pas un pdf".getBytes()), 415, null);

		// Duplicate: a new draft on the same documents.
		HttpResponse<String> duplicate = fixture.post("/api/v1/collections/" + id + "/duplicate", key, null, null);
		assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(201);
		JsonNode copy = json.readTree(duplicate.body());
		assertThat(copy.get("signers")).hasSize(2);
		assertThat(copy.get("documents").get(0).get("sha256").asString())
			.isEqualTo(json.readTree(created.body()).get("documents").get(0).get("sha256").asString());

		// Another firm sees none of it.
		String otherKey = keyOfANewFirm();
		assertProblem(fixture.post("/api/v1/collections/" + id + "/model", otherKey, null, null), 404, null);
		assertProblem(fixture.post("/api/v1/collections/" + id + "/duplicate", otherKey, null, null), 404, null);
		assertThat(fixture.get("/api/v1/collection-models/" + modelId, otherKey, null).statusCode()).isEqualTo(404);
		assertProblem(fromModel(otherKey, modelId, null, TestSigner.document("a", "b")), 404, null);
		assertThat(new String(fixture.get("/api/v1/collection-models", otherKey, null).body())).doesNotContain(modelId);
		assertThat(fixture.send("DELETE", "/api/v1/collection-models/" + modelId, otherKey, null).statusCode()).isEqualTo(404);
		assertThat(fixture.send("DELETE", "/api/v1/collection-models/" + modelId, key, null).statusCode()).isEqualTo(204);
		assertThat(fixture.get("/api/v1/collection-models/" + modelId, key, null).statusCode()).isEqualTo(404);
	}

}
