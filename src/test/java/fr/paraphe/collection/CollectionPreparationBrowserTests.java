package fr.paraphe.collection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.collection.internal.Channel;
import fr.paraphe.collection.internal.Collection;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.DraftRequest;
import fr.paraphe.collection.internal.Models;
import fr.paraphe.collection.internal.Place;
import fr.paraphe.collection.internal.SignerKind;
import fr.paraphe.collection.internal.SigningOrder;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Siren;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preparer's pages in Chromium: the owner of the demonstration firm edits a draft (title, a signer's address,
 * a recipient in copy; the signer's place kept) and deletes it; then sends a batch of three clients from a CSV on a
 * model, after a hostile CSV was refused on the page line by line, and launches it.
 */
@ParapheIntegrationTest
class CollectionPreparationBrowserTests extends CollectionBrowsing {

	private static final Siren DEMO = new Siren("732829320");

	@Autowired
	Models models;

	private ChromeDriver expert() {
		return loggedIn("expert");
	}

	private User owner() {
		User expert = users.findBySubject("demo-expert").orElseThrow();
		terms.accept(expert.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		return expert;
	}

	private Collection draft(User expert, FirmId firm, String title, String email) {
		return collections.create(expert.id(), firm, new DraftRequest(title, "Bonjour {{prénom}},\nvoici votre lettre.",
				null, SigningOrder.SEQUENTIAL, null, false, List.of(new DraftRequest.NewSigner(SignerKind.CLIENT, "Mme",
						"Anne", "Lefèvre", email, null, null, Channel.EMAIL, null,
						List.of(new Place(1, 1, 300, 40, 200, 60))))),
				List.of(new Collections.Upload("lettre.pdf", TestSigner.document("Lettre de mission"))), null,
				Collections.Origin.SERVER).collection();
	}

	private static void waitForSuccess(ChromeDriver browser, String message) {
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash-success"), message));
	}

	@Test
	void theOwnerEditsADraftOnThePageThenDeletesIt() {
		ChromeDriver browser = expert();
		User expert = owner();
		FirmId firm = firms.findBySiren(DEMO).orElseThrow().id();
		String title = "Lettre " + UUID.randomUUID().toString().substring(0, 8);
		Collection draft = draft(expert, firm, title, "anne-" + UUID.randomUUID() + "@exemple.test");

		browser.get(url("/collectes/" + draft.id()));
		browser.findElement(By.id("edit-draft")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("edit-form")));
		assertThat(browser.findElement(By.id("title")).getAttribute("value")).isEqualTo(title);
		browser.findElement(By.id("title")).clear();
		browser.findElement(By.id("title")).sendKeys(title + " corrigée");
		String corrected = "anne.lefevre-" + UUID.randomUUID() + "@exemple.test";
		browser.findElement(By.id("email-1")).clear();
		browser.findElement(By.id("email-1")).sendKeys(corrected);
		browser.findElement(By.id("reminders")).clear();
		browser.findElement(By.id("reminders")).sendKeys("2, 5");
		browser.findElement(By.id("copy-name-1")).sendKeys("Maître Luc Avocat");
		browser.findElement(By.id("copy-email-1")).sendKeys("luc.avocat@exemple.test");
		browser.findElement(By.id("save-draft")).click();
		waitForSuccess(browser, "Le brouillon est modifié.");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(title + " corrigée");

		Collection edited = collections.find(expert.id(), firm, draft.id());
		assertThat(edited.signers()).hasSize(1);
		assertThat(edited.signers().get(0).email()).isEqualTo(corrected);
		assertThat(edited.signers().get(0).places()).as("the place is kept").containsExactly(new Place(1, 1, 300, 40, 200, 60));
		assertThat(edited.reminderDays()).containsExactly(2, 5);
		assertThat(edited.copies()).containsExactly(new DraftRequest.Copy("Maître Luc Avocat", "luc.avocat@exemple.test"));

		// A bad address is refused on the form, in French.
		browser.findElement(By.id("edit-draft")).click();
		browser.findElement(By.id("email-1")).clear();
		browser.findElement(By.id("email-1")).sendKeys("pas-une-adresse@x");
		browser.executeScript("document.getElementById('email-1').type = 'text'");
		browser.findElement(By.id("save-draft")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("flash-failure")));
		assertThat(browser.findElement(By.id("flash-failure")).getText()).contains("L’adresse électronique du signataire n° 1");

		browser.get(url("/collectes/" + draft.id()));
		browser.findElement(By.id("delete-draft")).click();
		waitForSuccess(browser, "Le brouillon est supprimé.");
		browser.get(url("/collectes/" + draft.id()));
		assertThat(browser.getPageSource()).contains("Cette collecte n’existe pas");
	}

	@Test
	void theOwnerSendsABatchOfThreeClientsFromACsvAndLaunchesIt() throws Exception {
		ChromeDriver browser = expert();
		User expert = owner();
		FirmId firm = firms.findBySiren(DEMO).orElseThrow().id();
		billing.credit(firm, expert.id(), Money.parse("20"));
		String name = "Lettre annuelle " + UUID.randomUUID().toString().substring(0, 8);
		Collection source = draft(expert, firm, name, "modele-" + UUID.randomUUID() + "@exemple.test");
		Models.Model model = models.save(expert.id(), firm, source.id(), name);

		Path directory = Files.createTempDirectory("paraphe-batch-");
		Path pdf = Files.write(directory.resolve("lettre-2027.pdf"), TestSigner.document("Lettre de mission 2027"));
		List<String> mails = List.of("b1-" + UUID.randomUUID() + "@exemple.test", "b2-" + UUID.randomUUID() + "@exemple.test",
				"b3-" + UUID.randomUUID() + "@exemple.test");
		Path hostile = Files.write(directory.resolve("clients-faux.csv"), ("civilité;prénom;nom;e-mail;mobile\n"
				+ "Mme;Anne;Martin;" + mails.get(0) + ";\nM.;;Durand;pas-une-adresse;\n").getBytes(StandardCharsets.UTF_8));
		Path csv = Files.write(directory.resolve("clients.csv"), ("civilité;prénom;nom;e-mail;mobile\n"
				+ "Mme;Anne;Martin;" + mails.get(0) + ";\nM.;Paul;Durand;" + mails.get(1) + ";\nMme;Chloé;Petit;" + mails.get(2)
				+ ";06 11 22 33 44\n").getBytes(StandardCharsets.UTF_8));

		browser.get(url("/collectes"));
		browser.findElement(By.id("batches")).click();
		new Select(browser.findElement(By.id("batch-source"))).selectByValue("model:" + model.id());
		browser.findElement(By.id("batch-csv")).sendKeys(hostile.toAbsolutePath().toString());
		browser.findElement(By.id("batch-files")).sendKeys(pdf.toAbsolutePath().toString());
		browser.findElement(By.id("create-batch")).click();
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("line-errors")));
		assertThat(browser.findElement(By.id("flash-failure")).getText()).contains("aucune collecte n’a été créée");
		assertThat(browser.findElement(By.id("line-errors")).getText()).contains("Ligne 3 : prénom manquant.",
				"Ligne 3 : adresse électronique « pas-une-adresse » invalide.");

		new Select(browser.findElement(By.id("batch-source"))).selectByValue("model:" + model.id());
		browser.findElement(By.id("batch-title")).sendKeys("Lettre de mission 2027 — {{nom}}");
		browser.findElement(By.id("batch-csv")).sendKeys(csv.toAbsolutePath().toString());
		browser.findElement(By.id("batch-files")).sendKeys(pdf.toAbsolutePath().toString());
		browser.findElement(By.id("create-batch")).click();
		new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(By.id("batch-summary")));
		assertThat(browser.findElement(By.id("batch-total")).getText()).isEqualTo("3");
		assertThat(browser.findElement(By.id("batch-drafts")).getText()).isEqualTo("3");
		assertThat(browser.findElement(By.id("batch-collections")).getText()).contains("Lettre de mission 2027 — Durand",
				"Mme Chloé Petit");

		browser.findElement(By.id("launch-batch")).click();
		waitForSuccess(browser, "Les collectes de l’envoi sont lancées.");
		assertThat(browser.findElement(By.id("batch-in-progress")).getText()).isEqualTo("3");
		assertThat(browser.findElement(By.id("batch-sent")).getText()).isEqualTo("3");
		assertThat(browser.findElements(By.id("launch-batch"))).isEmpty();
		for (String mail : mails) {
			assertThat(notifications.sentTo(mail)).as(mail).anyMatch(message -> "collection-invitation".equals(message.template()));
		}
		assertThat(notifications.sentTo(mails.get(1)).get(0).text()).contains("Bonjour Paul,");
		browser.findElement(By.linkText("Lettre de mission 2027 — Martin")).click();
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("En cours");
	}

}
