package fr.paraphe.signing.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import fr.paraphe.signing.SealingTest;
import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.billing.Operation;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.signing.CheckedSeals;
import fr.paraphe.signing.FirmSeals;
import fr.paraphe.signing.SealCheck;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.validation.TestSigner;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /cachet} (the seal page), the owner's seal certificate on {@code /cabinet/cles-api} (ask, revoke, renew)
 * and the officers' pages {@code /verification/cabinets}, over HTTP with the demonstration accounts.
 */
@ParapheIntegrationTest
class SealPageIntegrationTests extends SealingTest {

	@Autowired
	FirmSeals seals;

	@Test
	void theOwnerSealsAPdfOnThePageAndTheFirmIsDebitedOnce() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		Owner acting = demoOwner("20");
		FirmId firm = acting.firm();
		User owner = acting.user();

		Document page = Jsoup.parse(expert.get("/cachet").body());
		assertThat(page.select("#seal-form")).isNotEmpty();
		assertThat(page.select("#nav-seal").attr("href")).isEqualTo("/cachet");
		assertThat(page.select("#level option[selected]").attr("value")).isEqualTo("B-LT");
		assertThat(page.select("#level option[selected]").text()).isEqualTo("Avec horodatage et données de validation (B-LT), conseillé");

		Money before = billing.balance(firm, owner.id());
		Money price = billing.tariffAt(java.time.Instant.now()).grossPrice(Operation.SEAL);
		HttpResponse<byte[]> sealed = uploadBytes(expert, "Lettre de mission.pdf", TestSigner.document("Lettre"),
				"level", "B-LT", "visible", "true", "page", "1", "x", "300", "y", "80", "width", "220", "height", "70",
				"reason", "Cachet du cabinet", "certify", "true");
		assertThat(sealed.statusCode()).isEqualTo(200);
		assertThat(sealed.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
		assertThat(sealed.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				disposition -> assertThat(disposition).contains("cachete.pdf").contains("attachment"));
		try (PDDocument document = Loader.loadPDF(sealed.body())) {
			assertThat(document.getSignatureDictionaries()).singleElement().satisfies(signature -> {
				assertThat(signature.getName()).isEqualTo("Cabinet Démo");
				assertThat(signature.getReason()).isEqualTo("Cachet du cabinet");
				assertThat(signature.getCOSObject().getNameAsString(org.apache.pdfbox.cos.COSName.SUB_FILTER))
					.isEqualTo(PDSignature.SUBFILTER_ETSI_CADES_DETACHED.getName());
			});
			assertThat(document.getDocumentCatalog().getCOSObject().getCOSDictionary(org.apache.pdfbox.cos.COSName.PERMS))
				.as("DocMDP certification").isNotNull();
		}
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before.minus(price));
	}

	@Test
	void theConfirmationSaysWhatWasSealedAndAReloadChargesNothing() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		Owner acting = demoOwner("20");
		FirmId firm = acting.firm();
		User owner = acting.user();
		Money before = billing.balance(firm, owner.id());
		Money price = billing.tariffAt(java.time.Instant.now()).grossPrice(Operation.SEAL);

		HttpResponse<String> done = upload(expert, "Bilan 2026.pdf", TestSigner.document("Bilan"), "level", "B-B");
		assertThat(done.statusCode()).isEqualTo(200);
		String path = done.uri().getPath();
		assertThat(path).matches("/cachet/fait/[0-9a-f-]{36}");
		String id = path.substring("/cachet/fait/".length());
		Document page = Jsoup.parse(done.body());
		assertThat(page.select("#done-file").text()).isEqualTo("Bilan 2026.pdf");
		assertThat(page.select("#done-who").text()).isEqualTo(firms.nameOf(firm));
		assertThat(page.select("#done-by").text()).isEqualTo(owner.displayName());
		assertThat(page.select("#done-level").text()).contains("Cachet avancé, sans horodatage (B-B)");
		assertThat(page.select("#done-price").text().replace('\u00a0', ' ').replace('\u202f', ' '))
			.contains(price.format(java.util.Locale.FRANCE).replace('\u00a0', ' ').replace('\u202f', ' '), "TTC");
		assertThat(page.select("#done-when").text()).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}");
		assertThat(page.select("#download").attr("href")).isEqualTo("/documents/" + id + ".pdf");
		assertThat(page.select("#done-entry").attr("href")).endsWith("#document-" + id).startsWith("/documents?q=");
		assertThat(page.select("#done-validate").attr("href")).isEqualTo("/valider");
		assertThat(page.select("#done-another").attr("href")).isEqualTo("/cachet");
		assertThat(page.select("#steps li[aria-current=step]").attr("data-step")).isEqualTo("download");
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before.minus(price));
		// The document's entry is on /documents, where the link points.
		String entries = expert.get(page.select("#done-entry").attr("href").replaceFirst("#.*", "")).body();
		assertThat(Jsoup.parse(entries).select("tr[id=document-" + id + "]")).as(entries).isNotEmpty();

		// Reloaded, the confirmation seals and charges nothing.
		assertThat(expert.get(path).statusCode()).isEqualTo(200);
		assertThat(expert.get(path).statusCode()).isEqualTo(200);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before.minus(price));
		// Unknown ids are 404; an id that is not one is 400 or 404, never a 500.
		assertThat(expert.get("/cachet/fait/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
		assertThat(expert.get("/cachet/fait/pas-un-uuid").statusCode()).isIn(400, 404);
	}

	@Test
	void theSealIsPlacedOnAPictureOfThePageThenTheDraftGoes() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		Owner acting = demoOwner("20");
		FirmId firm = acting.firm();
		User owner = acting.user();

		HttpResponse<String> placing = upload(expert, "Contrat.pdf", TestSigner.document("Un", "Deux"), "level", "B-B",
				"reason", "Cachet du cabinet", "preview", "true");
		assertThat(placing.statusCode()).isEqualTo(200);
		assertThat(placing.uri().getPath()).matches("/cachet/[0-9a-f-]{36}/emplacement");
		String base = placing.uri().getPath().replace("/emplacement", "");
		Document page = Jsoup.parse(placing.body());
		assertThat(page.select("h1").text()).isEqualTo("Placer le cachet");
		assertThat(page.select("#place-form").attr("action")).isEqualTo(base + "/emplacement");
		// The seal page calls its box the seal's place, not the signature's (issue 14).
		assertThat(page.select("#placement-legend").text()).isEqualTo("Emplacement du cachet");
		assertThat(page.select("#page-image").attr("src")).isEqualTo(base + "/pages/1.png");
		assertThat(expert.getBytes(base + "/pages/2.png").headers().firstValue("Content-Type")).contains("image/png");
		assertThat(expert.getBytes(base + "/pages/3.png").statusCode()).isEqualTo(404);
		assertThat(new DemoLogin(port).loginAs("collab").get(base + "/emplacement").statusCode()).isIn(403, 404);

		// A box off the page is refused on the placement page, and nothing is charged.
		Money before = billing.balance(firm, owner.id());
		HttpResponse<String> outside = post(expert, base + "/emplacement",
				"visible=true&page=2&x=500&y=80&width=220&height=70");
		assertThat(outside.statusCode()).isEqualTo(400);
		assertThat(failure(outside)).contains("hors de la page");
		assertThat(Jsoup.parse(outside.body()).select("#place-form")).isNotEmpty();
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before);

		HttpResponse<byte[]> sealed = postBytes(expert, base + "/emplacement",
				"visible=true&page=2&x=300&y=500&width=200&height=60");
		assertThat(sealed.statusCode()).isEqualTo(200);
		assertThat(sealed.headers().firstValue("Content-Disposition").orElseThrow()).contains("Contrat-cachete.pdf");
		try (PDDocument document = Loader.loadPDF(sealed.body())) {
			PDSignature signature = document.getSignatureDictionaries().get(0);
			assertThat(signature.getReason()).isEqualTo("Cachet du cabinet");
			var widget = document.getSignatureFields().get(0).getWidgets().get(0);
			assertThat(document.getPages().indexOf(widget.getPage())).isEqualTo(1);
			assertThat(widget.getRectangle().getLowerLeftX()).isEqualTo(300f);
			assertThat(widget.getRectangle().getLowerLeftY()).isEqualTo(500f);
			assertThat(widget.getRectangle().getWidth()).isEqualTo(200f);
		}
		Money price = billing.tariffAt(java.time.Instant.now()).grossPrice(Operation.SEAL);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before.minus(price));
		// Sealed, the draft leads to its confirmation (Back, a reload): submitted again, it seals and charges nothing.
		HttpResponse<String> back = expert.get(base + "/emplacement");
		assertThat(back.uri().getPath()).matches("/cachet/fait/[0-9a-f-]{36}");
		assertThat(Jsoup.parse(back.body()).select("#done-file").text()).isEqualTo("Contrat.pdf");
		HttpResponse<String> again = post(expert, base + "/emplacement", "visible=true&page=1&x=30&y=30&width=200&height=60");
		assertThat(again.uri().getPath()).isEqualTo(back.uri().getPath());
		assertThat(expert.get(back.uri().getPath()).statusCode()).isEqualTo(200);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before.minus(price));
		// Another member (without the seal's document in view) gets 404, not the confirmation.
		assertThat(new DemoLogin(port).loginAs("collab").get(back.uri().getPath()).statusCode()).isIn(403, 404);
	}

	@Test
	void draftsOlderThanADayAreDeleted(@Autowired fr.paraphe.signing.internal.SealDrafts drafts,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		new DemoLogin(port).loginAs("expert");
		FirmId firm = demoFirm();
		User owner = users.findById(firms.ownersOf(firm).get(0)).orElseThrow();
		UUID old = drafts.save(owner.id(), firm, "ancien.pdf", TestSigner.document("Ancien"),
				fr.paraphe.pades.SignatureLevel.B_B, null, false);
		UUID recent = drafts.save(owner.id(), firm, "recent.pdf", TestSigner.document("Récent"),
				fr.paraphe.pades.SignatureLevel.B_B, null, false);
		jdbc.sql("UPDATE signing_seal_draft SET created_at = ? WHERE id = ?")
			.params(java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofHours(25))), old)
			.update();

		assertThat(drafts.purge()).isGreaterThanOrEqualTo(1);

		assertThat(drafts.find(owner.id(), old)).isEmpty();
		assertThat(drafts.find(owner.id(), recent)).isPresent();
	}

	@Test
	void badInputComesBackOnThePageInFrenchNeverAsAStackTrace() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		Owner acting = demoOwner("5");
		FirmId firm = acting.firm();
		User owner = acting.user();

		HttpResponse<String> noFile = upload(expert, null, null);
		assertThat(noFile.statusCode()).isEqualTo(400);
		assertThat(failure(noFile)).contains("Choisissez le PDF à cacheter");
		assertThat(failure(upload(expert, "note.pdf", "Bonjour".getBytes(StandardCharsets.UTF_8)))).contains("n’est pas un PDF");
		// An HTML/PDF polyglot: "%PDF-" must open the file, not follow a page of HTML.
		byte[] html = "<html><body>Bonjour</body></html>\n".getBytes(StandardCharsets.US_ASCII);
		byte[] pdf = TestSigner.document("Polyglotte");
		byte[] polyglot = java.util.Arrays.copyOf(html, html.length + pdf.length);
		System.arraycopy(pdf, 0, polyglot, html.length, pdf.length);
		assertThat(failure(upload(expert, "polyglotte.pdf", polyglot))).contains("n’est pas un PDF");
		assertThat(failure(upload(expert, "secret.pdf", encrypted()))).contains("chiffré");
		assertThat(failure(upload(expert, "a.pdf", TestSigner.document("Niveau"), "level", "B-XL"))).contains("Niveau de signature inconnu");
		assertThat(failure(upload(expert, "a.pdf", TestSigner.document("Case"), "visible", "true", "x", "abc")))
			.contains("hors de la page");
		assertThat(failure(upload(expert, "a.pdf", TestSigner.document("Page"), "visible", "true", "page", "99")))
			.contains("hors de la page");
		assertThat(failure(upload(expert, "a.pdf", TestSigner.document("Motif"), "reason", "x".repeat(201))))
			.contains("200 caractères");
	}

	@Test
	void sealingWaitsForTheCguInForceWithALinkToThem() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		FirmId firm = demoFirm();
		User owner = users.findById(firms.ownersOf(firm).get(0)).orElseThrow();
		billing.credit(firm, owner.id(), Money.parse("5"));
		terms.publish("CGU, version de test " + UUID.randomUUID(), users.recordLogin(new fr.paraphe.identity.SsoProfile(
				"cgu-admin-" + UUID.randomUUID(), "Admin CGU", null, fr.paraphe.identity.Role.PLATFORM_ADMIN, null, null)).id());
		Money before = billing.balance(firm, owner.id());

		HttpResponse<String> refused = upload(expert, "a.pdf", TestSigner.document("Avant les CGU"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(failure(refused)).isNotBlank();
		// The CGU page comes back here once they are accepted (issue 14, bug 7).
		assertThat(Jsoup.parse(refused.body()).select("#failure-link").attr("href")).isEqualTo("/cgu?retour=%2Fcachet");
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before);
		acceptTerms(owner);
	}

	@Test
	void aShortBalanceSaysHowToCreditTheAccount() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		FirmId firm = demoFirm();
		User owner = users.findById(firms.ownersOf(firm).get(0)).orElseThrow();
		acceptTerms(owner);
		// Spend what the demo firm has (fast B-B seals), to reach a balance short of one seal.
		Money price = billing.tariffAt(java.time.Instant.now()).grossPrice(Operation.SEAL);
		for (int i = 0; i < 1000 && billing.covers(firm, Operation.SEAL); i++) {
			seals.seal(firm, owner.id(), TestSigner.document("Dépense " + i),
					SignatureParameters.invisible(SignatureLevel.B_B, null, null));
		}
		assertThat(billing.balance(firm, owner.id())).isLessThan(price);

		HttpResponse<String> refused = upload(expert, "a.pdf", TestSigner.document("Impayé"));
		assertThat(refused.statusCode()).isEqualTo(402);
		assertThat(failure(refused)).contains("ne couvre pas ce cachet").contains("créditer");
		assertThat(Jsoup.parse(refused.body()).select("#failure-link").attr("href")).isEqualTo("/cabinet/compte");
		billing.credit(firm, owner.id(), Money.parse("20"));
	}

	@Test
	void theOwnerRevokesAndRenewsTheSealOnThePageAndSealingFollows() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		Owner acting = demoOwner("20");
		FirmId firm = acting.firm();
		User owner = acting.user();

		// The demo firm is checked at start: it renews, it does not ask again.
		Document keys = Jsoup.parse(expert.get("/cabinet/cles-api").body());
		assertThat(keys.select("#renew-seal")).isNotEmpty();
		assertThat(keys.select("#request-seal")).isEmpty();
		if (keys.select("#seal").isEmpty()) {
			post(expert, "/cabinet/cles-api/cachet/renouvellement", "x=1");
		}

		HttpResponse<String> unconfirmed = post(expert, "/cabinet/cles-api/cachet/revocation", "motif=KEY_COMPROMISE");
		assertThat(Jsoup.parse(unconfirmed.body()).select("#flash-failure").text()).contains("Cochez la case");
		HttpResponse<String> badReason = post(expert, "/cabinet/cles-api/cachet/revocation",
				"motif=CA_COMPROMISE&confirmation=oui");
		assertThat(Jsoup.parse(badReason.body()).select("#flash-failure").text()).contains("motif de révocation");
		assertThat(seals.current(DEMO)).isPresent();

		HttpResponse<String> revoked = post(expert, "/cabinet/cles-api/cachet/revocation",
				"motif=CESSATION_OF_OPERATION&confirmation=oui");
		assertThat(Jsoup.parse(revoked.body()).select("#flash-success").text()).contains("est révoqué");
		assertThat(Jsoup.parse(revoked.body()).select("#no-seal")).isNotEmpty();
		assertThat(Jsoup.parse(revoked.body()).select("#seal-history").text()).contains("Cessation d’activité");
		assertThat(seals.current(DEMO)).isEmpty();

		HttpResponse<String> noSeal = upload(expert, "a.pdf", TestSigner.document("Sans cachet"));
		assertThat(noSeal.statusCode()).isEqualTo(409);
		assertThat(failure(noSeal)).contains("doit le demander");

		HttpResponse<String> renewed = post(expert, "/cabinet/cles-api/cachet/renouvellement", "x=1");
		assertThat(Jsoup.parse(renewed.body()).select("#flash-success").text()).contains("nouveau certificat de cachet");
		assertThat(Jsoup.parse(renewed.body()).select("#seal").text()).contains("NTRFR-732829320");
		assertThat(uploadBytes(expert, "a.pdf", TestSigner.document("De nouveau")).statusCode()).isEqualTo(200);
	}

	@Test
	void theOwnerAsksForTheSealOnThePageAndReadsTheOfficersReason() {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		FirmId firm = demoFirm();
		User owner = users.findById(firms.ownersOf(firm).get(0)).orElseThrow();
		fr.paraphe.firm.Firm original = firms.firm(firm, owner.id());
		try {
			// Renamed, the demo firm is no longer the firm an officer checked: it must ask again.
			firms.updateDetails(firm, owner.id(), new fr.paraphe.firm.FirmDetails("Cabinet Démo Renommé", "75-0099999",
					"3 place du Bilan", "69002", "Lyon"));
			Document keys = Jsoup.parse(expert.get("/cabinet/cles-api").body());
			assertThat(keys.select("#renew-seal")).isEmpty();
			HttpResponse<String> renewal = post(expert, "/cabinet/cles-api/cachet/renouvellement", "x=1");
			assertThat(Jsoup.parse(renewal.body()).select("#flash-failure").text()).contains("n’a pas été vérifié");

			HttpResponse<String> asked = post(expert, "/cabinet/cles-api/cachet/demande", "x=1");
			assertThat(Jsoup.parse(asked.body()).select("#flash-success").text()).contains("agent de vérification");
			assertThat(Jsoup.parse(asked.body()).select("#check-pending")).isNotEmpty();
			assertThat(Jsoup.parse(asked.body()).select("#request-seal")).isEmpty();
			HttpResponse<String> twice = post(expert, "/cabinet/cles-api/cachet/demande", "x=1");
			assertThat(Jsoup.parse(twice.body()).select("#flash-failure").text()).contains("déjà en attente");

			SealCheck pending = checks.latest(owner.id(), firm).orElseThrow();
			DemoLogin officer = new DemoLogin(port).loginAs("officier");
			post(officer, "/verification/cabinets/" + pending.id() + "/refuser",
					"motif=" + java.net.URLEncoder.encode("Nom différent de celui du répertoire Sirene", StandardCharsets.UTF_8));

			Document rejected = Jsoup.parse(expert.get("/cabinet/cles-api").body());
			assertThat(rejected.select("#check-reason").text()).contains("Nom différent de celui du répertoire Sirene");
			assertThat(rejected.select("#request-seal")).isNotEmpty();
			// The seal in force was not touched by the request nor by its rejection.
			assertThat(rejected.select("#seal").text()).contains("NTRFR-732829320");
		}
		finally {
			firms.updateDetails(firm, owner.id(), new fr.paraphe.firm.FirmDetails(original.name(),
					original.ordreNumber() == null ? "75-0099999" : original.ordreNumber(),
					original.addressLine() == null ? "3 place du Bilan" : original.addressLine(),
					original.postalCode() == null ? "69002" : original.postalCode(),
					original.city() == null ? "Lyon" : original.city()));
		}
		// Named as checked again, it renews without a new check.
		assertThat(Jsoup.parse(expert.get("/cabinet/cles-api").body()).select("#renew-seal")).isNotEmpty();
	}

	@Test
	void onlyOfficersSeeTheFirmsToCheckAndTheyDecideOnThePage() {
		User someOwner = users.recordLogin(new fr.paraphe.identity.SsoProfile("page-check-" + UUID.randomUUID(),
				"Paul Page", null, fr.paraphe.identity.Role.EXPERT_COMPTABLE, fr.paraphe.TestSirens.random(), "Cabinet Page"));
		FirmId someFirm = firms.membershipOf(someOwner.id()).orElseThrow().firm();
		SealCheck pending = new CheckedSeals(firms, users, checks).request(someOwner, someFirm);

		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		assertThat(expert.get("/verification/cabinets").statusCode()).isEqualTo(403);
		assertThat(expert.get("/verification/cabinets/" + pending.id()).statusCode()).isEqualTo(404);
		assertThat(post(expert, "/verification/cabinets/" + pending.id() + "/approuver", "x=1").statusCode()).isEqualTo(404);
		assertThat(Jsoup.parse(expert.get("/").body()).select("#nav-firm-checks")).isEmpty();

		DemoLogin officer = new DemoLogin(port).loginAs("officier");
		assertThat(Jsoup.parse(officer.get("/").body()).select("#firm-checks-home-link").attr("href"))
			.isEqualTo("/verification/cabinets");
		assertThat(Jsoup.parse(officer.get("/verification").body()).select("#firm-checks-link").attr("href"))
			.isEqualTo("/verification/cabinets");
		Document queue = Jsoup.parse(officer.get("/verification/cabinets").body());
		assertThat(queue.select("tr[data-siren=" + pending.siren().value() + "]").text()).contains("Cabinet Page", "Paul Page",
				"75-0012345", "12 rue des Comptes, 75002 Paris");
		assertThat(queue.select("tr[data-siren=" + pending.siren().value() + "] a[href^=https://annuaire-entreprises]").attr("href"))
			.isEqualTo("https://annuaire-entreprises.data.gouv.fr/entreprise/" + pending.siren().value());

		Document review = Jsoup.parse(officer.get("/verification/cabinets/" + pending.id()).body());
		assertThat(review.select("#check-ordre").text()).isEqualTo("75-0012345");
		assertThat(review.select("#check-address").text()).isEqualTo("12 rue des Comptes, 75002 Paris");
		assertThat(review.select("#check-directory").attr("href")).endsWith("/entreprise/" + pending.siren().value());
		assertThat(officer.get("/verification/cabinets/pas-un-uuid").statusCode()).isEqualTo(404);
		assertThat(officer.get("/verification/cabinets/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

		HttpResponse<String> noReason = post(officer, "/verification/cabinets/" + pending.id() + "/refuser", "motif=");
		assertThat(Jsoup.parse(noReason.body()).select("#flash-failure").text()).contains("motif du refus");
		HttpResponse<String> rejected = post(officer, "/verification/cabinets/" + pending.id() + "/refuser",
				"motif=" + java.net.URLEncoder.encode("SIREN radié au répertoire Sirene", StandardCharsets.UTF_8));
		assertThat(Jsoup.parse(rejected.body()).select("#flash-success").text()).contains("refusée");
		assertThat(checks.latest(someOwner.id(), someFirm).orElseThrow().reason()).isEqualTo("SIREN radié au répertoire Sirene");

		SealCheck again = checks.request(someOwner, someFirm);
		HttpResponse<String> approved = post(officer, "/verification/cabinets/" + again.id() + "/approuver", "x=1");
		assertThat(Jsoup.parse(approved.body()).select("#flash-success").text()).contains("certificat de cachet est émis");
		assertThat(seals.current(pending.siren()).orElseThrow().subject()).contains("NTRFR-" + pending.siren().value());
		HttpResponse<String> twice = post(officer, "/verification/cabinets/" + again.id() + "/approuver", "x=1");
		assertThat(Jsoup.parse(twice.body()).select("#flash-failure").text()).contains("déjà été traitée");
	}

	@Test
	void aCollaboratorNeitherSealsWithoutTheDelegationNorManagesTheCertificate() {
		DemoLogin collaborator = new DemoLogin(port).loginAs("collab");
		User collab = users.findBySubject("demo-collab").orElseThrow();
		if (firms.membershipOf(collab.id()).isEmpty()) {
			FirmId firm = demoFirm();
			firms.addCollaborator(firm, firms.ownersOf(firm).get(0), collab.email());
			collaborator = new DemoLogin(port).loginAs("collab");
		}
		assertThat(firms.membershipOf(collab.id())).isPresent();
		if (firms.membershipOf(collab.id()).orElseThrow().may(fr.paraphe.firm.Delegation.SEAL)) {
			FirmId firm = demoFirm();
			firms.withdraw(firm, firms.ownersOf(firm).get(0), firms.membershipOf(collab.id()).orElseThrow().memberId(),
					fr.paraphe.firm.Delegation.SEAL);
		}
		HttpResponse<String> page = collaborator.get("/cachet");
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(Jsoup.parse(page.body()).text()).contains("Vous n’avez pas la délégation « Sceller »");
		assertThat(Jsoup.parse(collaborator.get("/").body()).select("#nav-seal")).isEmpty();
		assertThat(post(collaborator, "/cabinet/cles-api/cachet/demande", "x=1").statusCode()).isEqualTo(403);
		assertThat(post(collaborator, "/cabinet/cles-api/cachet/revocation", "motif=KEY_COMPROMISE&confirmation=oui")
			.statusCode()).isEqualTo(403);
		assertThat(post(collaborator, "/cabinet/cles-api/cachet/renouvellement", "x=1").statusCode()).isEqualTo(403);
		assertThat(collaborator.get("/verification/cabinets").statusCode()).isEqualTo(403);
		assertThat(seals.current(DEMO)).isPresent();
	}

	private static String failure(HttpResponse<String> response) {
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at fr.paraphe");
		return Jsoup.parse(response.body()).select("#flash-failure").text();
	}

	private static byte[] encrypted() throws Exception {
		try (PDDocument document = Loader.loadPDF(TestSigner.document("Secret"))) {
			document.protect(new StandardProtectionPolicy("proprietaire", "utilisateur", new AccessPermission()));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
	}

	private static HttpRequest.Builder multipart(DemoLogin browser, String fileName, byte[] pdf, String... fields)
			throws Exception {
		String boundary = "----paraphe" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i < fields.length; i += 2) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
					+ fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		if (pdf != null) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
					+ "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.write(pdf);
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create(browser.url("/cachet")))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-CSRF-TOKEN", browser.csrfToken())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
	}

	private static HttpResponse<String> upload(DemoLogin browser, String fileName, byte[] pdf, String... fields)
			throws Exception {
		return browser.send(multipart(browser, fileName, pdf, fields));
	}

	/** Seals on the page: the POST redirects to the confirmation, whose download link gives the sealed PDF. */
	private static HttpResponse<byte[]> uploadBytes(DemoLogin browser, String fileName, byte[] pdf, String... fields)
			throws Exception {
		HttpClient client = HttpClient.newBuilder().cookieHandler(browser.cookies()).connectTimeout(Duration.ofSeconds(10)).build();
		return downloadFromConfirmation(browser, client.send(multipart(browser, fileName, pdf, fields)
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofByteArray()));
	}

	private static HttpResponse<byte[]> postBytes(DemoLogin browser, String path, String form) throws Exception {
		HttpClient client = HttpClient.newBuilder().cookieHandler(browser.cookies()).connectTimeout(Duration.ofSeconds(10)).build();
		return downloadFromConfirmation(browser, client.send(HttpRequest.newBuilder(URI.create(browser.url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + browser.csrfToken()))
			.build(), HttpResponse.BodyHandlers.ofByteArray()));
	}

	/** Follows a sealing POST's redirect (POST, redirect, GET) to the confirmation, then its download link. */
	private static HttpResponse<byte[]> downloadFromConfirmation(DemoLogin browser, HttpResponse<byte[]> posted) {
		assertThat(posted.statusCode()).as("a seal redirects to its confirmation").isEqualTo(302);
		String location = posted.headers().firstValue("Location").orElseThrow();
		assertThat(URI.create(location).getPath()).matches("/cachet/fait/[0-9a-f-]{36}");
		HttpResponse<String> confirmation = browser.get(URI.create(location).getPath());
		assertThat(confirmation.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(confirmation.body());
		assertThat(page.select("#outcome-heading").text()).isEqualTo("Document cacheté");
		return browser.getBytes(page.select("#download").attr("href"));
	}

	private static HttpResponse<String> post(DemoLogin browser, String path, String form) {
		return browser.send(HttpRequest.newBuilder(URI.create(browser.url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + browser.csrfToken())));
	}

}
