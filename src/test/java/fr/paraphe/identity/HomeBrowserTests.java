package fr.paraphe.identity;

import java.util.List;

import fr.paraphe.BrowserTest;
import fr.paraphe.ParapheIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person in a real browser: logs in through the demonstration Comptexpert, sees the home page in French,
 * switches to English, logs out.
 */
@ParapheIntegrationTest
class HomeBrowserTests extends BrowserTest {

	@BeforeEach
	void aBrowser() {
		startBrowser();
	}

	@Test
	void expertLogsInSeesTheHomePageInFrenchThenSwitchesToEnglish() throws Exception {
		browser.get("http://localhost:" + port + "/");
		browser.findElement(By.id("login-link")).click();
		browser.findElement(By.id("comptexpert-login")).click();

		wait.until(ExpectedConditions.urlContains("127.0.0.1:" + port + "/idp/login"));
		assertThat(browser.findElement(By.id("demo-banner")).getText()).contains("démonstration");
		browser.findElement(By.id("username")).sendKeys("expert");
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("idp-submit")).click();

		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
		assertThat(browser.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
		assertThat(browser.findElement(By.id("greeting")).getText()).isEqualTo("Bonjour Claire Martin");
		assertThat(browser.findElement(By.id("user-role")).getText()).isEqualTo("Expert-comptable");
		assertThat(browser.findElement(By.id("firm-name")).getText()).isEqualTo("Cabinet Démo");
		assertThat(browser.findElement(By.id("firm-siren")).getText()).isEqualTo("732 829 320");
		assertThat(browser.findElement(By.id("logout")).getText()).isEqualTo("Se déconnecter");
		screenshot("home-fr");

		browser.findElement(By.id("lang-en")).click();
		wait.until(ExpectedConditions.textToBe(By.id("greeting"), "Hello Claire Martin"));
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		assertThat(browser.findElement(By.id("user-role")).getText()).isEqualTo("Chartered accountant");
		assertThat(browser.findElement(By.id("logout")).getText()).isEqualTo("Log out");
		// The choice sticks across pages.
		browser.get("http://localhost:" + port + "/");
		assertThat(browser.findElement(By.id("greeting")).getText()).isEqualTo("Hello Claire Martin");
		screenshot("home-en");

		browser.findElement(By.id("lang-fr")).click();
		wait.until(ExpectedConditions.textToBe(By.id("greeting"), "Bonjour Claire Martin"));
		browser.findElement(By.id("logout")).click();
		wait.until(ExpectedConditions.urlContains("/deconnexion/ok"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vous êtes déconnecté");

		// The pages run without a Content-Security-Policy violation (they would show in the console).
		List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
		assertThat(console).noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
	}

}
