package fr.paraphe.signing.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.signing.SealingTest;
import fr.paraphe.Axe;
import fr.paraphe.Browser;
import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.billing.Operation;
import fr.paraphe.identity.User;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.signing.internal.Documents;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guided signing in Chromium, to its confirmation: Back from the placement keeps the uploaded document, a double
 * click on "Signer" signs and debits once, the confirmation (POST, redirect, GET) says what was signed, by whom, at
 * which level, when and for what price, accessible (axe-core) and without horizontal scroll at 390 px, and neither
 * a reload of it nor Back signs or debits again.
 */
@ParapheIntegrationTest
class GuidedSigningBrowserTests extends SealingTest {

	@Autowired
	CertificationAuthority ca;

	@Autowired
	Notifications notifications;

	@Autowired
	Documents documents;

	@Test
	void theSignerEndsOnAConfirmationThatNeitherAReloadNorBackSignsAgain() throws Exception {
		new DemoLogin(port).loginAs("expert");
		FirmId firm = demoFirm();
		User owner = users.findById(firms.ownersOf(firm).get(0)).orElseThrow();
		ca.issue(new NaturalPerson(owner.id(), "Expert", "Démo", "IDCFR-GUIDE-" + UUID.randomUUID().toString().substring(0, 8), "FR"));
		billing.credit(firm, owner.id(), Money.parse("10"));
		terms.current().ifPresent(current -> terms.accept(owner.id(), current.number(), "127.0.0.1"));
		Path pdf = Files.write(Files.createTempDirectory("paraphe-guided-sign").resolve("Mandat social.pdf"),
				TestSigner.document("Mandat"));

		startBrowser();
		Browser.login(browser, port, "expert");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
		browser.get("http://localhost:" + port + "/signer");
		browser.findElement(By.id("file")).sendKeys(pdf.toString());
		browser.findElement(By.id("upload")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signature-box")));
		String placement = browser.getCurrentUrl();

		// Back to the upload and forward again: the uploaded document waits on its placement.
		browser.navigate().back();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file")));
		browser.navigate().forward();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signature-box")));
		assertThat(browser.getCurrentUrl()).isEqualTo(placement);

		int mails = notifications.sentTo(owner.email()).size();
		browser.findElement(By.id("send-code")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
		wait.until(driver -> notifications.sentTo(owner.email()).size() > mails);
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(notifications.sentTo(owner.email()).get(0).text());
		assertThat(code.find()).isTrue();
		browser.findElement(By.id("code")).sendKeys(code.group(1));

		Money before = billing.balance(firm, owner.id());
		int signedBefore = documents.search(owner.id(), Documents.Search.ALL).size();
		WebElement confirm = browser.findElement(By.id("confirm"));
		// Two clicks as fast as the browser takes them: one signature, one debit.
		browser.executeScript("arguments[0].click(); arguments[0].click();", confirm);
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
		String confirmation = browser.getCurrentUrl();
		Money price = billing.tariffAt(java.time.Instant.now()).grossPrice(Operation.SIGNATURE);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before.minus(price));
		assertThat(documents.search(owner.id(), Documents.Search.ALL)).hasSize(signedBefore + 1);

		assertThat(browser.findElement(By.id("outcome-heading")).getText()).isEqualTo("Document signé");
		assertThat(browser.findElement(By.id("done-file")).getText()).isEqualTo("Mandat social.pdf");
		assertThat(browser.findElement(By.id("done-who")).getText()).isEqualTo(owner.displayName());
		assertThat(browser.findElement(By.id("done-level")).getText()).contains("Signature avancée");
		assertThat(normalized(browser.findElement(By.id("done-price")).getText()))
			.contains(normalized(price.format(java.util.Locale.FRANCE)), "TTC");
		assertThat(browser.findElement(By.id("download")).getDomAttribute("href")).matches("/documents/[0-9a-f-]{36}\\.pdf");
		assertThat(browser.findElement(By.id("done-validate")).getDomAttribute("href")).isEqualTo("/valider");
		assertThat(browser.findElement(By.id("done-another")).getDomAttribute("href")).isEqualTo("/signer");
		assertThat(browser.findElements(By.cssSelector("#steps li[aria-current=step]")))
			.extracting(item -> item.getDomAttribute("data-step"))
			.containsExactly("download");
		Axe.assertAccessibleAndNarrow(browser, "the signing confirmation");

		browser.navigate().refresh();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
		assertThat(browser.getCurrentUrl()).isEqualTo(confirmation);
		// Back lands on an earlier step of this signature (placement, code), which now shows the confirmation.
		browser.navigate().back();
		wait.until(driver -> !driver.findElements(By.id("outcome")).isEmpty()
				|| !driver.findElements(By.id("confirm-form")).isEmpty());
		if (browser.findElements(By.id("outcome")).isEmpty()) {
			// The code step, as the browser kept it: the same code submitted again signs nothing, it confirms.
			browser.findElement(By.id("code")).sendKeys(code.group(1));
			browser.findElement(By.id("confirm")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
		}
		assertThat(browser.getCurrentUrl()).isEqualTo(confirmation);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before.minus(price));
		assertThat(documents.search(owner.id(), Documents.Search.ALL)).hasSize(signedBefore + 1);
	}


	private static String normalized(String text) {
		return text.replace('\u00a0', ' ').replace('\u202f', ' ');
	}

}
