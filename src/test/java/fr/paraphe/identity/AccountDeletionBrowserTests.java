package fr.paraphe.identity;

import java.time.Duration;
import java.util.Map;

import fr.paraphe.Axe;
import fr.paraphe.BrowserTest;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.audit.AuditTrail;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Supprimer mon compte" in Chromium: the owner of a firm is told to hand it over first; a person without a firm
 * (the demonstration officer) deletes their account from Votre compte by typing the word, lands on the logged-out
 * page that says so, and their next login is a new person. The page passes axe-core and does not scroll sideways
 * at 390 px.
 */
@ParapheIntegrationTest
class AccountDeletionBrowserTests extends BrowserTest {

	@Autowired
	Users users;

	@Autowired
	AuditTrail audit;

	@Test
	void anOwnerIsSentToHandTheFirmOverFirst() {
		loggedIn("expert");
		browser.get("http://localhost:" + port + "/compte");
		browser.findElement(By.id("delete-account-link")).click();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deletion-refused")));
		assertThat(browser.findElement(By.id("deletion-refused")).getText()).contains("transmettez d’abord le cabinet");
		assertThat(browser.findElements(By.id("deletion-form"))).isEmpty();
		assertThat(Axe.seriousViolations(browser)).isEmpty();
		browser.findElement(By.id("hand-over-link")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hand-over-heading")));
		assertThat(browser.getCurrentUrl()).endsWith("/cabinet#hand-over");
		assertThat(Axe.seriousViolations(browser)).isEmpty();
	}

	@Test
	void aPersonDeletesTheirAccountByTypingTheWordAndComesBackAsANewPerson() {
		loggedIn("officier");
		User before = users.findBySubject("demo-officier").orElseThrow();
		browser.get("http://localhost:" + port + "/compte");
		browser.findElement(By.id("delete-account-link")).click();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deletion-form")));
		assertThat(browser.findElement(By.id("deletion-effects")).getText()).contains("révoqués", "pseudonyme");
		assertThat(Axe.seriousViolations(browser)).isEmpty();
		browser.manage().window().setSize(new Dimension(390, 844));
		Map<String, Long> widths = Axe.widths(browser);
		assertThat(widths.get("scrollWidth")).as("no horizontal scroll at 390 px").isLessThanOrEqualTo(widths.get("innerWidth"));
		assertThat(Axe.seriousViolations(browser)).isEmpty();

		// A wrong word: nothing deleted, the error is tied to the field.
		browser.findElement(By.id("confirmation")).sendKeys("oui");
		browser.findElement(By.id("delete-account")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-failure")));
		assertThat(browser.findElement(By.id("confirmation")).getDomAttribute("aria-describedby")).isEqualTo("flash-failure");
		assertThat(users.findById(before.id())).isPresent();

		browser.findElement(By.id("confirmation")).sendKeys("SUPPRIMER");
		browser.findElement(By.id("delete-account")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-deleted")));
		assertThat(browser.findElement(By.id("account-deleted")).getText()).contains("Votre compte a été supprimé");
		assertThat(users.findById(before.id())).isEmpty();
		assertThat(audit.check().intact()).isTrue();

		// The session ended: Votre compte asks for a login again.
		browser.get("http://localhost:" + port + "/compte");
		assertThat(browser.findElements(By.id("delete-account-link"))).isEmpty();

		// Still logged in at the provider: "Se connecter avec Comptexpert" comes straight back, as a new person.
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.get("http://localhost:" + port + "/connexion");
		browser.findElement(By.id("comptexpert-login")).click();
		// Back where the login interrupted: Votre compte, of a person with no certificate and no CGU accepted.
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("delete-account-link")));
		assertThat(browser.findElement(By.id("no-certificate")).isDisplayed()).isTrue();
		User after = users.findBySubject("demo-officier").orElseThrow();
		assertThat(after.id()).isNotEqualTo(before.id());
		assertThat(after.role()).isEqualTo(Role.REGISTRATION_OFFICER);
	}

}
