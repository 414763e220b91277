package fr.paraphe.billing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Nos tarifs" and the compte-cabinet pages over real HTTP, as the demonstration firm's owner.
 */
@ParapheIntegrationTest
class BillingPagesIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void theTariffsArePublic() {
		Document page = Jsoup.parse(new DemoLogin(port).get("/tarifs").body());

		assertThat(page.select("h1").text()).isEqualTo("Nos tarifs");
		assertThat(page.select("#current-tariff").text()).contains("Signature électronique", "1,50", "1,80",
				"Cachet électronique", "1,20");
	}

	@Test
	void theOwnerCreditsTheAccountAndGetsAReceiptAndAStatement() {
		DemoLogin owner = new DemoLogin(port).loginAs("expert");
		Document account = Jsoup.parse(owner.get("/cabinet/compte").body());
		String before = account.select("#balance").text();
		String form = "montant=24,00&formulaire=" + account.select("#credit-token").attr("value");

		HttpResponse<String> credited = post(owner, "/cabinet/compte/credit", form);

		Document page = Jsoup.parse(credited.body());
		assertThat(page.select("#flash-success").text()).contains("Votre compte-cabinet a été crédité");
		assertThat(page.select("#balance").text()).isNotEqualTo(before);
		assertThat(page.select("#statement").text()).contains("Crédit", "+ 24,00");
		assertThat(page.select(".demo-banner").text()).contains("démonstration");

		Document receipt = Jsoup.parse(owner.get(page.select("#receipt-link").attr("href")).body());
		assertThat(receipt.select("#receipt-net").text()).isEqualTo("20,00 €");
		assertThat(receipt.select("#receipt-vat").text()).isEqualTo("4,00 €");
		assertThat(receipt.select("#receipt-gross").text()).isEqualTo("24,00 €");
		// The seller: the operator's name, SIREN and VAT number (demonstration values here).
		assertThat(receipt.select("#receipt-seller").text()).contains("Paraphe (démonstration)", "SIREN 123 456 782",
				"TVA intracommunautaire FR11123456782");

		HttpResponse<byte[]> pdf = owner.getBytes(receipt.select("#receipt-pdf").attr("href"));
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertReceiptPdf(pdf.body());

		HttpResponse<String> csv = owner.get(page.select("#csv-link").attr("href"));
		assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
		// The same form posted again (a double click, a reload): no second payment.
		Document again = Jsoup.parse(post(owner, "/cabinet/compte/credit", form).body());
		assertThat(again.select("#balance").text()).isEqualTo(page.select("#balance").text());

		assertThat(csv.body()).startsWith("\ufeffdate;type;operation;libelle;montant_ttc")
			.contains(";CREDIT;;\"Démonstration DEMO-", ";24,00;20,00;4,00;")
			// French Excel reads "24,00" as a number; "24.00" as text or a date.
			.doesNotContain("24.00");
	}

	@Test
	void aBadAmountIsExplainedOnThePage() {
		DemoLogin owner = new DemoLogin(port).loginAs("expert");

		String token = Jsoup.parse(owner.get("/cabinet/compte").body()).select("#credit-token").attr("value");
		Document page = Jsoup.parse(post(owner, "/cabinet/compte/credit", "montant=-3&formulaire=" + token).body());

		assertThat(page.select("#flash-failure").text()).startsWith("Indiquez un montant");
	}

	@Test
	void aCollaboratorOrAStrangerDoesNotSeeTheAccount() {
		HttpResponse<String> collaborator = new DemoLogin(port).loginAs("collab").get("/cabinet/compte");
		assertThat(collaborator.statusCode()).isIn(403, 404);

		HttpResponse<String> officer = new DemoLogin(port).loginAs("officier").get("/cabinet/compte/recus/1");
		assertThat(officer.statusCode()).isEqualTo(404);
		assertThat(Jsoup.parse(officer.body()).select("#error-detail").text()).contains("n’existe pas");
	}

	@Test
	void theAdministratorRecordsABankTransferForAFirmOnce() {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		DemoLogin admin = new DemoLogin(port).loginAs("admin");
		String reference = "VIR-" + java.util.UUID.randomUUID();

		Document page = Jsoup.parse(post(admin, "/admin/facturation/virements",
				"siren=732+829+320&montant=36&reference=" + reference).body());
		assertThat(page.select("#flash-success").text()).contains("Le virement a été crédité");
		post(admin, "/admin/facturation/virements", "siren=732829320&montant=36&reference=" + reference);

		String csv = expert.get("/cabinet/compte/releve.csv").body();
		assertThat(csv.split("Virement " + reference, -1)).hasSize(2);

		Document unknown = Jsoup.parse(post(admin, "/admin/facturation/virements",
				"siren=732829321&montant=36&reference=X").body());
		assertThat(unknown.select("#flash-failure").text()).startsWith("Virement invalide");
		assertThat(expert.get("/admin/facturation").statusCode()).isEqualTo(403);
	}

	@Test
	void aCsvCellNeverStartsAFormula() {
		assertThat(fr.paraphe.billing.web.CsvCells.text("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(fr.paraphe.billing.web.CsvCells.text("+33")).isEqualTo("\"'+33\"");
		assertThat(fr.paraphe.billing.web.CsvCells.text("Virement\nVIR-1")).isEqualTo("\"Virement VIR-1\"");
	}

	/** The receipt PDF read by PDFBox, and by poppler's pdffonts, an independent reader: fonts embedded. */
	private static void assertReceiptPdf(byte[] pdf) {
		try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
			String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replace("\u00a0", " ").replace("\u202f", " ");
			assertThat(text).contains("Paraphe (démonstration)", "SIREN 123 456 782", "TVA intracommunautaire FR11123456782");
			assertThat(text).contains("Reçu n°", "Cabinet Démo", "SIREN 732 829 320", "Montant HT", "20,00 €",
					"TVA 20 %", "4,00 €", "Montant TTC", "24,00 €");
			java.nio.file.Path file = java.nio.file.Files.createTempFile("recu", ".pdf");
			java.nio.file.Files.write(file, pdf);
			java.nio.file.Path pdffonts = fr.paraphe.ExternalTools.require("pdffonts", "poppler-utils");
			Process process = new ProcessBuilder(pdffonts.toString(), file.toString()).redirectErrorStream(true).start();
			String fonts = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertThat(process.waitFor()).isZero();
			// Columns: name type encoding emb sub uni; every font embedded ("yes" in the emb column).
			assertThat(fonts.lines().skip(2).toList()).isNotEmpty().allSatisfy(line -> assertThat(line).contains("DejaVuSans").contains(" yes "));
		}
		catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

	private static HttpResponse<String> post(DemoLogin browser, String path, String form) {
		return browser.send(HttpRequest.newBuilder(URI.create(browser.url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + browser.csrfToken())));
	}

}
