package fr.paraphe.identity;

import fr.paraphe.Browser;
import fr.paraphe.BrowserTest;
import fr.paraphe.ParapheIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bug 9 of issue 14: "Se déconnecter" ended only Paraphe's session, so one click on "Se connecter" logged back in
 * without a password. Now the logout goes on to the provider's {@code end_session_endpoint} (RP-initiated logout,
 * OpenID Connect RP-Initiated Logout 1.0), which the demonstration provider offers and honours, and comes back to
 * "Vous êtes déconnecté".
 */
@ParapheIntegrationTest
class LogoutBrowserTests extends BrowserTest {

	@BeforeEach
	void aBrowser() {
		startBrowser();
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
