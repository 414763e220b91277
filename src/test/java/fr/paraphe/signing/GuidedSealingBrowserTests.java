package fr.paraphe.signing;

import fr.paraphe.signing.internal.Documents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import fr.paraphe.Axe;
import fr.paraphe.Browser;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.billing.Operation;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guided sealing in Chromium: the steps (Document → Emplacement → Téléchargement) with the current one marked, the
 * price of the tariff in force before confirming, the stamp's preview on the page's picture, accessible (axe-core)
 * and without horizontal scroll at 390 px; Back and Forward keep the uploaded document; a double click on the
 * confirming button seals and debits once; the confirmation (POST, redirect, GET) says what was sealed, and a
 * reload of it or Back seals nothing again.
 */
@ParapheIntegrationTest
class GuidedSealingBrowserTests extends SealingTest {

	@Autowired
	Documents documents;

	@Test
	void theOwnerIsGuidedStepByStepSeesThePriceAndTheStampAndADoubleClickSealsOnce() throws Exception {
		Path downloads = Files.createTempDirectory("paraphe-guided");
		User expert = ownerWithCredit(downloads);
		FirmId firm = demoFirm();
		String price = billing.tariffAt(java.time.Instant.now()).grossPrice(Operation.SEAL).format(Locale.FRANCE);
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

		browser.get("http://localhost:" + port + "/cachet");
		assertSteps(List.of("document", "placement", "download"), "document");
		assertThat(normalized(browser.findElement(By.id("price")).getText())).contains(normalized(price), "TTC");
		Axe.assertAccessibleAndNarrow(browser, "/cachet");

		Path pdf = Files.write(downloads.getParent().resolve("guided-" + System.nanoTime() + ".pdf"),
				TestSigner.document("Lettre de mission"));
		browser.findElement(By.id("file")).sendKeys(pdf.toAbsolutePath().toString());
		browser.findElement(By.id("seal-preview")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("place-form")));
		assertSteps(List.of("document", "placement", "download"), "placement");
		assertThat(normalized(browser.findElement(By.id("price")).getText())).contains(normalized(price));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signature-box")));
		assertThat(browser.findElement(By.id("stamp-preview")).getText())
			.isEqualTo("Signé électroniquement par " + firms.nameOf(firm));
		Axe.assertAccessibleAndNarrow(browser, "the placement page");
		browser.manage().window().setSize(new Dimension(1280, 900));

		// Back to the first step and forward again: the uploaded document waits, placed nowhere else, charged nothing.
		String placement = browser.getCurrentUrl();
		Money untouched = billing.balance(firm, expert.id());
		browser.navigate().back();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("seal-form")));
		browser.navigate().forward();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("place-form")));
		assertThat(browser.getCurrentUrl()).isEqualTo(placement);
		assertSteps(List.of("document", "placement", "download"), "placement");
		assertThat(billing.balance(firm, expert.id())).isEqualTo(untouched);

		Money before = billing.balance(firm, expert.id());
		int sealedBefore = documents.search(expert.id(), Documents.Search.ALL).size();
		WebElement button = browser.findElement(By.id("send-code"));
		// Two clicks as fast as the browser takes them: the second must not seal or charge again.
		browser.executeScript("arguments[0].click(); arguments[0].click();", button);
		// POST, redirect, GET: the confirmation says what was done, with the download and what to do next.
		new WebDriverWait(browser, Duration.ofSeconds(90))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
		String confirmation = browser.getCurrentUrl();
		assertThat(confirmation).matches(".*/cachet/fait/[0-9a-f-]{36}");
		assertSteps(List.of("document", "placement", "download"), "download");
		assertThat(browser.findElement(By.id("done-file")).getText()).isEqualTo(pdf.getFileName().toString());
		assertThat(browser.findElement(By.id("done-who")).getText()).isEqualTo(firms.nameOf(firm));
		assertThat(browser.findElement(By.id("done-level")).getText()).contains("Cachet avancé");
		assertThat(normalized(browser.findElement(By.id("done-price")).getText())).contains(normalized(price), "TTC");
		assertThat(browser.findElement(By.id("done-validate")).getDomAttribute("href")).isEqualTo("/valider");
		assertThat(browser.findElement(By.id("done-another")).getDomAttribute("href")).isEqualTo("/cachet");
		Axe.assertAccessibleAndNarrow(browser, "the confirmation");
		Money price1 = billing.tariffAt(java.time.Instant.now()).grossPrice(Operation.SEAL);
		assertThat(billing.balance(firm, expert.id())).isEqualTo(before.minus(price1));
		assertThat(documents.search(expert.id(), Documents.Search.ALL)).hasSize(sealedBefore + 1);

		// A reload of the confirmation, then Back (to the placement step): nothing is sealed or charged again.
		browser.navigate().refresh();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
		browser.navigate().back();
		wait.until(driver -> !driver.findElements(By.id("outcome")).isEmpty()
				|| !driver.findElements(By.id("place-form")).isEmpty());
		if (browser.findElements(By.id("outcome")).isEmpty()) {
			// The placement step, as the browser kept it: submitted again, it shows the same confirmation.
			browser.findElement(By.id("send-code")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
		}
		assertThat(browser.getCurrentUrl()).isEqualTo(confirmation);
		assertThat(billing.balance(firm, expert.id())).isEqualTo(before.minus(price1));
		assertThat(documents.search(expert.id(), Documents.Search.ALL)).hasSize(sealedBefore + 1);

		browser.findElement(By.id("download")).click();
		String expectedName = pdf.getFileName().toString().replace(".pdf", "-cachete.pdf");
		Path sealed = downloads.resolve(expectedName);
		new WebDriverWait(browser, Duration.ofSeconds(90)).until(driver -> Files.exists(sealed) && noPartialDownload(downloads));
		assertThat(Files.readAllBytes(sealed)).startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

		// The entry in Documents is the one the confirmation links to.
		browser.findElement(By.id("done-entry")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("documents")));
		String id = confirmation.replaceAll(".*/cachet/fait/", "");
		assertThat(browser.findElements(By.id("document-" + id))).hasSize(1);
	}

	@Test
	void sealingWithoutAPreviewAlsoEndsOnTheConfirmationAndBackKeepsTheForm() throws Exception {
		Path downloads = Files.createTempDirectory("paraphe-guided-direct");
		User expert = ownerWithCredit(downloads);
		FirmId firm = demoFirm();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));

		browser.get("http://localhost:" + port + "/cachet");
		Path pdf = Files.write(downloads.getParent().resolve("direct-" + System.nanoTime() + ".pdf"),
				TestSigner.document("Attestation"));
		browser.findElement(By.id("file")).sendKeys(pdf.toAbsolutePath().toString());
		Money before = billing.balance(firm, expert.id());
		int sealedBefore = documents.search(expert.id(), Documents.Search.ALL).size();
		WebElement button = browser.findElement(By.id("seal-submit"));
		browser.executeScript("arguments[0].click(); arguments[0].click();", button);
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
		String confirmation = browser.getCurrentUrl();
		Money price = billing.tariffAt(java.time.Instant.now()).grossPrice(Operation.SEAL);
		assertThat(billing.balance(firm, expert.id())).isEqualTo(before.minus(price));

		browser.navigate().refresh();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
		assertThat(browser.getCurrentUrl()).isEqualTo(confirmation);
		// Back returns to an empty seal form (the POST is not replayed), Forward to the same confirmation.
		browser.navigate().back();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("seal-form")));
		browser.navigate().forward();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
		assertThat(browser.getCurrentUrl()).isEqualTo(confirmation);
		assertThat(billing.balance(firm, expert.id())).isEqualTo(before.minus(price));
		assertThat(documents.search(expert.id(), Documents.Search.ALL)).hasSize(sealedBefore + 1);
	}

	/** The demonstration owner logged in, the CGU accepted, the firm credited 20 €. */
	private User ownerWithCredit(Path downloads) {
		startBrowser(downloads);
		Browser.login(browser, port, "expert");
		User expert = users.findBySubject("demo-expert").orElseThrow();
		acceptTerms(expert);
		billing.credit(demoFirm(), expert.id(), Money.parse("20"));
		return expert;
	}

	private void assertSteps(List<String> steps, String current) {
		List<WebElement> items = browser.findElements(By.cssSelector("#steps li"));
		assertThat(items).extracting(item -> item.getDomAttribute("data-step")).containsExactlyElementsOf(steps);
		assertThat(browser.findElements(By.cssSelector("#steps li[aria-current=step]")))
			.extracting(item -> item.getDomAttribute("data-step"))
			.containsExactly(current);
	}


	private static String normalized(String text) {
		return text.replace('\u00a0', ' ').replace('\u202f', ' ');
	}

	private static boolean noPartialDownload(Path downloads) {
		try (Stream<Path> files = Files.list(downloads)) {
			return files.noneMatch(file -> file.getFileName().toString().endsWith(".crdownload"));
		}
		catch (java.io.IOException e) {
			return false;
		}
	}

}
