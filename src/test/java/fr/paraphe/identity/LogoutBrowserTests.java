package fr.paraphe.identity;

import java.time.Duration;

import fr.paraphe.Browser;
import fr.paraphe.ParapheIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bug 9 of issue 14: "Se déconnecter" ended only Paraphe's session, so one click on "Se connecter" logged back in
 * without a password. Now the logout goes on to the provider's {@code end_session_endpoint} (RP-initiated logout,
 * OpenID Connect RP-Initiated Logout 1.0), which the demonstration provider offers and honours, and comes back to
 * "Vous êtes déconnecté".
 */
@ParapheIntegrationTest
class LogoutBrowserTests {

	@LocalServerPort
	int port;

	private ChromeDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser() {
		browser = Browser.start();
		wait = new WebDriverWait(browser, Duration.ofSeconds(30));
	}

	@AfterEach
	void quitBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void afterLoggingOutLoggingInAgainAsksForThePassword() {
		Browser.login(browser, port, "expert");

		browser.findElement(By.id("logout")).click();
		wait.until(ExpectedConditions.urlContains("/deconnexion/ok"));
		assertThat(browser.getCurrentUrl()).startsWith("http://localhost:" + port + "/deconnexion/ok");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vous êtes déconnecté");

		browser.get("http://localhost:" + port + "/connexion");
		browser.findElement(By.id("comptexpert-login")).click();
		wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("password")),
				ExpectedConditions.presenceOfElementLocated(By.id("greeting"))));
		assertThat(browser.getCurrentUrl()).startsWith("http://127.0.0.1:" + port + "/idp/login");
		assertThat(browser.findElements(By.id("password"))).hasSize(1);
		assertThat(browser.findElements(By.id("greeting"))).isEmpty();
	}

}
