package fr.paraphe.signing.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.paraphe.Axe;
import fr.paraphe.Browser;
import fr.paraphe.ParapheIntegrationTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /cabinet/cles-api in Chromium: the owner ticks scopes, sets an expiry and a limit with the keyboard-reachable
 * form, gets the key once, and the page (form and list) has no serious accessibility violation at 1280 and 390 px.
 */
@ParapheIntegrationTest
class ApiKeyPageBrowserTests {

	@LocalServerPort
	int port;

	private ChromeDriver browser;

	@AfterEach
	void quit() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theOwnerChoosesScopesExpiryAndLimitOnAnAccessiblePage() {
		browser = Browser.start();
		Browser.login(browser, port, "expert");
		browser.get("http://localhost:" + port + "/cabinet/cles-api");
		browser.findElement(By.id("libelle")).sendKeys("Logiciel de paie");
		browser.findElement(By.cssSelector("input[name=portees][value='collections:read']")).click();
		browser.findElement(By.cssSelector("input[name=portees][value=seals]")).click();
		browser.findElement(By.id("limite")).sendKeys("60");
		browser.findElement(By.id("create")).click();
		// The click returns once the form is sent, not once the next page is there.
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
		assertThat(browser.findElement(By.id("secret")).getText()).startsWith("pph_");
		assertThat(browser.findElement(By.cssSelector("#keys .scopes")).getText()).isEqualTo("seals collections:read");
		assertThat(browser.findElement(By.cssSelector("#keys .rate")).getText()).isEqualTo("60");

		List<String> failures = new ArrayList<>();
		for (int width : new int[] { 1280, 390 }) {
			browser.manage().window().setSize(new Dimension(width, 900));
			browser.get("http://localhost:" + port + "/cabinet/cles-api");
			for (String violation : Axe.seriousViolations(browser)) {
				failures.add(width + " px: " + violation);
			}
			Map<String, Long> widths = Axe.widths(browser);
			if (widths.get("scrollWidth") > widths.get("innerWidth")) {
				failures.add(width + " px scrolls sideways: " + widths);
			}
		}
		assertThat(failures).isEmpty();
	}

}
