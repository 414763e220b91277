package fr.paraphe.collection;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.billing.Operation;
import fr.paraphe.collection.internal.Batches;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.firm.Delegation;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static fr.paraphe.collection.CollectionPreparationTests.assertProblem;
import static fr.paraphe.collection.CollectionPreparationTests.client;
import static fr.paraphe.collection.CollectionPreparationTests.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batches from a CSV of clients: one collection per line from a model, launched together and each reserved on its
 * own, a short balance refusing the whole batch; hostile CSVs (encodings, separators, missing columns, bad lines,
 * too many lines, a ZIP without the file) refused with every line's reason and nothing created.
 */
@ParapheIntegrationTest
class CollectionBatchTests extends CollectionTest {

	@Autowired
	Batches batches;

	CollectionBatchTests() {
		super("Cabinet Lots", Money.ZERO);
	}

	/** A model with one client (signing on page 1) and the message and title merged from the CSV. */
	private String model() throws Exception {
		return model("vos honoraires : {{Montant}} €.");
	}

	private String model(String line) throws Exception {
		HttpResponse<String> created = fixture.create(key, "{\"title\":\"Lettre de mission 2027 — {{nom}}\","
				+ "\"message\":\"Bonjour {{prénom}},\\n" + line + "\",\"order\":\"SEQUENTIAL\","
				+ "\"signers\":[" + client("Modèle", "Client", email()) + "]}", null, TestSigner.document("Lettre"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<String> model = fixture.post("/api/v1/collections/" + json.readTree(created.body()).get("id").asString()
				+ "/model", key, null, "{\"name\":\"Lettre annuelle\"}");
		assertThat(model.statusCode()).as(model.body()).isEqualTo(201);
		return json.readTree(model.body()).get("id").asString();
	}

	private HttpResponse<String> batch(String apiKey, Map<String, String> fields, byte[] csv, byte[] zip, byte[]... pdfs)
			throws Exception {
		Map<String, byte[]> files = new java.util.LinkedHashMap<>();
		files.put("csv", csv);
		if (zip != null) {
			files.put("zip", zip);
		}
		return fixture.multipartFiles("/api/v1/collection-batches", apiKey, fields, files, pdfs);
	}

	private static byte[] utf8WithBom(String text) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[body.length + 3];
		out[0] = (byte) 0xEF;
		out[1] = (byte) 0xBB;
		out[2] = (byte) 0xBF;
		System.arraycopy(body, 0, out, 3, body.length);
		return out;
	}

	private List<String> threeClients() {
		return List.of(email(), email(), email());
	}

	@Test
	void threeClientsFromAnExcelCsvMakeThreeCollectionsLaunchedTogetherAndSummarised() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("50"));
		String model = model();
		List<String> mails = threeClients();
		String csv = "Civilité;Prénom;Nom;E-mail;Mobile;Montant\r\n"
				+ "Mme;Anne;Lefèvre;" + mails.get(0) + ";06 12 34 56 78;1 200\r\n"
				+ "M.;Bruno;Garnier;" + mails.get(1) + ";;\"950; payable en 2 fois\"\r\n"
				+ "Madame;Chloé;D'Artagnan;" + mails.get(2) + ";+33698765432;700\r\n";
		HttpResponse<String> created = batch(key, Map.of("model", model), utf8WithBom(csv), null,
				TestSigner.document("Lettre 2027"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode batch = json.readTree(created.body());
		assertThat(batch.get("total").asInt()).isEqualTo(3);
		assertThat(batch.get("drafts").asInt()).isEqualTo(3);
		JsonNode second = batch.get("collections").get(1);
		assertThat(second.get("title").asString()).isEqualTo("Lettre de mission 2027 — Garnier");
		assertThat(second.get("message").asString()).isEqualTo("Bonjour Bruno,\nvos honoraires : 950; payable en 2 fois €.");
		assertThat(second.get("signers").get(0).get("email").asString()).isEqualTo(mails.get(1));
		assertThat(second.get("signers").get(0).get("places")).hasSize(1);
		assertThat(batch.get("collections").get(0).get("signers").get(0).get("phone").asString()).isEqualTo("+33612345678");
		assertThat(batch.get("collections").get(2).get("signers").get(0).get("name").asString()).isEqualTo("Mme Chloé D'Artagnan");

		Money before = billing.balance(firm, owner.id());
		Money price = billing.tariffAt(Instant.now()).grossPrice(Operation.COLLECTION_SIGNER);
		String id = batch.get("id").asString();
		HttpResponse<String> launched = fixture.post("/api/v1/collection-batches/" + id + "/launch", key, null, null);
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
		assertThat(json.readTree(launched.body()).get("inProgress").asInt()).isEqualTo(3);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before.minus(price.times(3)));
		assertProblem(fixture.post("/api/v1/collection-batches/" + id + "/launch", key, null, null), 409, null);

		// Each tracked on its own: one signs, one declines, one waits.
		String token = fixture.latestToken(mails.get(0));
		desk.sendCode(token, true, null, Collections.Origin.SERVER);
		desk.sign(token, fixture.latestCode(mails.get(0)), null, Collections.Origin.SERVER);
		desk.decline(fixture.latestToken(mails.get(1)), "Non merci", null, Collections.Origin.SERVER);
		JsonNode summary = json.readTree(fixture.get("/api/v1/collection-batches/" + id, key, null).body());
		assertThat(summary.get("sent").asInt()).isEqualTo(3);
		assertThat(summary.get("signed").asInt()).isEqualTo(1);
		assertThat(summary.get("declined").asInt()).isEqualTo(1);
		assertThat(summary.get("inProgress").asInt()).isEqualTo(1);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before.minus(price.times(2)));
	}

	@Test
	void onePdfPerClientFromAZipWithAWindows1252CommaCsv() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("50"));
		String model = model();
		List<String> mails = threeClients();
		byte[] anne = TestSigner.document("Lettre d'Anne");
		byte[] helene = TestSigner.document("Lettre d'Hélène");
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(zip)) {
			out.putNextEntry(new ZipEntry("lettres/anne.pdf"));
			out.write(anne);
			out.putNextEntry(new ZipEntry("lettres/hélène.pdf"));
			out.write(helene);
		}
		String csv = "civilite,prenom,nom,email,mobile,fichier,montant\r\n"
				+ "Mme,Anne,Martin," + mails.get(0) + ",,anne.pdf,100\r\n"
				+ "Mme,Hélène,Bézier," + mails.get(1) + ",,hélène.pdf,200\r\n";
		HttpResponse<String> created = batch(key, Map.of("model", model), csv.getBytes(Charset.forName("windows-1252")),
				zip.toByteArray());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode batch = json.readTree(created.body());
		assertThat(batch.get("total").asInt()).isEqualTo(2);
		JsonNode second = batch.get("collections").get(1);
		assertThat(second.get("signers").get(0).get("name").asString()).isEqualTo("Mme Hélène Bézier");
		assertThat(second.get("documents").get(0).get("sha256").asString()).isEqualTo(fr.paraphe.shared.Sha256.hex(helene));
		assertThat(batch.get("collections").get(0).get("documents").get(0).get("sha256").asString())
			.isEqualTo(fr.paraphe.shared.Sha256.hex(anne));

		// A line naming a file not in the ZIP: nothing created.
		String missing = csv + "M.,Paul,Durand," + email() + ",,paul.pdf,300\r\n";
		HttpResponse<String> refused = batch(key, Map.of("model", model), missing.getBytes(StandardCharsets.UTF_8),
				zip.toByteArray());
		assertProblem(refused, 400, "le fichier « paul.pdf » n’est pas dans le ZIP");
		assertThat(json.readTree(refused.body()).get("errors").get(0).get("line").asInt()).isEqualTo(4);
	}

	@Test
	void aHostileCsvIsRefusedWithEveryLinesReasonAndNothingIsCreated() throws Exception {
		String model = model("voici la lettre.");
		int before = json.readTree(fixture.get("/api/v1/collections", key, null).body()).get("collections").size();
		String csv = "Civilité;Prénom;Nom;E-mail;Mobile\n"
				+ "Mme;Anne;Martin;" + email() + ";\n"
				+ "Mme;;Martin;" + email() + ";\n"
				+ "M.;Paul;Durand;pas-une-adresse;\n"
				+ "M.;Paul;Durand;;07 00\n"
				+ "Docteur;Paul;Durand;" + email() + ";\n"
				+ "M.;Paul;Durand;;\n"
				+ "M.;Paul;Durand;" + email() + ";;en trop\n"
				+ "M.;\"Paul\nJean\";Durand;" + email() + ";\n";
		HttpResponse<String> refused = batch(key, Map.of("model", model), csv.getBytes(StandardCharsets.UTF_8), null,
				TestSigner.document("Lettre"));
		assertProblem(refused, 400, "aucune collecte n’a été créée");
		JsonNode errors = json.readTree(refused.body()).get("errors");
		List<String> lines = new ArrayList<>();
		errors.forEach(error -> lines.add(error.get("line").asInt() + ": " + error.get("message").asString()));
		assertThat(lines).containsExactly("3: prénom manquant.",
				"4: adresse électronique « pas-une-adresse » invalide.",
				"5: numéro de mobile « 07 00 » invalide (ex. 06 12 34 56 78 ou +33612345678).",
				"6: civilité « Docteur » invalide (M. ou Mme).", "7: ni adresse électronique ni mobile.",
				"8: la ligne a 6 cellules, l’en-tête 5 colonnes.", "9: prénom « Paul\nJean » manquant ou invalide.");

		assertProblem(batch(key, Map.of("model", model), "Prénom;Nom;Courriel\nAnne;Martin;a@b.fr\n".getBytes(
				StandardCharsets.UTF_8), null, TestSigner.document("Lettre")), 400, "Colonnes manquantes dans l’en-tête du CSV : civilité, mobile");
		assertProblem(batch(key, Map.of("model", model), new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, ' ', '\n' },
				null, TestSigner.document("Lettre")), 400, "Le fichier CSV est vide");
		assertProblem(batch(key, Map.of("model", model), "civilité;prénom;nom;email;mobile\n\"Mme;Anne\n".getBytes(
				StandardCharsets.UTF_8), null, TestSigner.document("Lettre")), 400, "guillemet");
		StringBuilder tooLong = new StringBuilder("civilité;prénom;nom;email;mobile\n");
		for (int i = 0; i < 501; i++) {
			tooLong.append("Mme;Anne;Martin;anne").append(i).append("@exemple.test;\n");
		}
		assertProblem(batch(key, Map.of("model", model), tooLong.toString().getBytes(StandardCharsets.UTF_8), null,
				TestSigner.document("Lettre")), 400, "plus de 500 clients");
		assertProblem(batch(key, Map.of("model", model, "title", "Lettre {{dossier}}"),
				"civilité;prénom;nom;email;mobile\nMme;Anne;Martin;a@exemple.test;\n".getBytes(StandardCharsets.UTF_8), null,
				TestSigner.document("Lettre")), 400, "colonnes absentes du CSV : dossier");
		assertProblem(batch(key, Map.of("model", model), "civilité;prénom;nom;email;mobile\nMme;Anne;Martin;a@exemple.test;\n"
			.getBytes(StandardCharsets.UTF_8), null, TestSigner.document("Lettre", "page 2"), TestSigner.document("x")), 400,
				"Ce modèle demande 1 document(s)");
		assertProblem(batch(key, Map.of("model", model), "civilité;prénom;nom;email;mobile;fichier\nMme;Anne;Martin;a@exemple.test;;a.pdf\n"
			.getBytes(StandardCharsets.UTF_8), "pas un zip".getBytes(StandardCharsets.UTF_8)), 400, "ZIP est illisible");
		assertThat(json.readTree(fixture.get("/api/v1/collections", key, null).body()).get("collections").size())
			.as("nothing created").isEqualTo(before);
	}

	@Test
	void aShortBalanceRefusesTheWholeBatchAndOnlyTheFirmWithTheRightDelegationsActs() throws Exception {
		String model = model("voici la lettre.");
		String csv = "civilité;prénom;nom;email;mobile\nMme;Anne;Martin;" + email() + ";\nM.;Paul;Durand;" + email() + ";\n";
		HttpResponse<String> created = batch(key, Map.of("model", model), csv.getBytes(StandardCharsets.UTF_8), null,
				TestSigner.document("Lettre"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = json.readTree(created.body()).get("id").asString();
		Money price = billing.tariffAt(Instant.now()).grossPrice(Operation.COLLECTION_SIGNER);
		billing.credit(firm, owner.id(), price);
		HttpResponse<String> refused = fixture.post("/api/v1/collection-batches/" + id + "/launch", key, null, null);
		assertProblem(refused, 402, "il manque " + price.format(java.util.Locale.FRANCE));
		assertThat(billing.balance(firm, owner.id())).as("nothing reserved").isEqualTo(price);
		assertThat(json.readTree(fixture.get("/api/v1/collection-batches/" + id, key, null).body()).get("drafts").asInt())
			.isEqualTo(2);

		// Another firm: not found; a member without LAUNCH cannot launch, without PREPARE cannot create.
		User other = users.recordLogin(new SsoProfile("batch-other-" + UUID.randomUUID(), "Autre Expert", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Autre Cabinet"));
		FirmId otherFirm = firms.membershipOf(other.id()).orElseThrow().firm();
		String otherKey = apiKeys.create(other.id(), otherFirm, "Logiciel").secret();
		assertThat(fixture.get("/api/v1/collection-batches/" + id, otherKey, null).statusCode()).isEqualTo(404);
		assertProblem(fixture.post("/api/v1/collection-batches/" + id + "/launch", otherKey, null, null), 404, null);
		assertProblem(batch(otherKey, Map.of("model", model), csv.getBytes(StandardCharsets.UTF_8), null,
				TestSigner.document("Lettre")), 404, null);
		User preparer = collaborator(Delegation.PREPARE);
		assertThatThrownBy(() -> batches.launch(preparer.id(), firm, UUID.fromString(id), Collections.Origin.SERVER))
			.isInstanceOf(ProblemException.class)
			.satisfies(e -> assertThat(((ProblemException) e).getStatusCode().value()).isEqualTo(403));
		User launcher = collaborator(Delegation.LAUNCH);
		assertThatThrownBy(() -> batches.create(launcher.id(), firm, new Batches.Input(UUID.fromString(model), null, null,
				csv.getBytes(StandardCharsets.UTF_8), List.of(new Collections.Upload("a.pdf", TestSigner.document("a"))), null),
				Collections.Origin.SERVER))
			.isInstanceOf(ProblemException.class)
			.satisfies(e -> assertThat(((ProblemException) e).getStatusCode().value()).isEqualTo(403));

		billing.credit(firm, owner.id(), price);
		assertThat(batches.launch(launcher.id(), firm, UUID.fromString(id), Collections.Origin.SERVER)).isEqualTo(2);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(Money.ZERO);
	}

	private User collaborator(Delegation delegation) {
		String address = "batch-" + UUID.randomUUID() + "@cabinet.test";
		UUID member = firms.addCollaborator(firm, owner.id(), address);
		User user = users.recordLogin(new SsoProfile("batch-c-" + UUID.randomUUID(), "Colin Collaborateur", address,
				Role.COLLABORATEUR, siren, "Cabinet Lots"));
		firms.grant(firm, owner.id(), member, delegation, null);
		return user;
	}

}
