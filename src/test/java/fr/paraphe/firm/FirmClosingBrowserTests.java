package fr.paraphe.firm;

import java.time.Duration;
import java.util.UUID;

import fr.paraphe.signing.SealingTest;
import fr.paraphe.Axe;
import fr.paraphe.Browser;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Siren;
import fr.paraphe.signing.FirmSeals;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Fermer le cabinet" on /cabinet in Chromium: the section says what closing does and asks what becomes of the
 * balance, accessible (axe-core) and without horizontal scroll at 390 px; a wrong name is refused on the page;
 * the right one closes the firm and shows what was done. The demonstration owner is moved for the test into a firm
 * of its own (the shared demonstration firm stays open for the other tests), then moved back.
 */
@ParapheIntegrationTest
class FirmClosingBrowserTests extends SealingTest {

	@Autowired
	FirmSeals seals;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theOwnerClosesTheFirmOnThePageAfterTypingItsNameAndAnsweringForTheBalance() {
		startBrowser();
		Browser.login(browser, port, "expert");
		User expert = users.findBySubject("demo-expert").orElseThrow();
		String name = "Cabinet À Fermer " + UUID.randomUUID().toString().substring(0, 6);
		Owner sealing = newFirmWithSeal("closing-page", "Paul Ferme", name);
		User other = sealing.user();
		FirmId firm = sealing.firm();
		Siren siren = firms.firm(firm, other.id()).siren();
		billing.credit(firm, other.id(), Money.parse("12"));
		UUID member = firms.membershipOf(expert.id()).orElseThrow().memberId();
		FirmId demo = firms.membershipOf(expert.id()).orElseThrow().firm();
		jdbc.sql("UPDATE firm_member SET firm_id = ? WHERE id = ?").params(firm.value(), member).update();
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			browser.get("http://localhost:" + port + "/cabinet");
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("closing-form")));
			assertThat(browser.findElement(By.id("firm-heading")).getText()).isEqualTo(name);
			assertThat(browser.findElement(By.id("closing")).getText()).contains("Fermer le cabinet",
					"perdent l’accès", "révoqué", "conservés");
			assertThat(browser.findElement(By.cssSelector("#closing-question-balance legend")).getText()
				.replace('\u00a0', ' ').replace('\u202f', ' ')).contains("Il reste 12,00 €");
			Axe.assertAccessibleAndNarrow(browser, "/cabinet with the closing");

			browser.findElement(By.id("closing-balance-FORFEIT")).click();
			browser.findElement(By.id("closing-name")).sendKeys("Un autre nom");
			browser.findElement(By.id("closing-button")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-failure")));
			assertThat(browser.findElement(By.id("flash-failure")).getText()).contains("ne correspond pas");
			assertThat(seals.current(siren)).isPresent();

			browser.findElement(By.id("closing-balance-REFUND")).click();
			browser.findElement(By.id("closing-name")).sendKeys(name);
			browser.findElement(By.id("closing-button")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("firm-closed")));
			assertThat(browser.getCurrentUrl()).endsWith("/cabinet/ferme");
			assertThat(browser.findElement(By.id("firm-closed")).getText()).contains("Le cabinet est fermé",
					"conservés");
			Axe.assertAccessibleAndNarrow(browser, "the closed page");
			assertThat(firms.membershipOf(expert.id())).isEmpty();
			assertThat(firms.membershipOf(other.id())).isEmpty();
			assertThat(seals.current(siren)).isEmpty();
			assertThat(jdbc.sql("SELECT balance_choice FROM firm WHERE id = ?").param(firm.value()).query(String.class)
				.single()).isEqualTo("REFUND");
		}
		finally {
			jdbc.sql("UPDATE firm_member SET firm_id = ? WHERE id = ?").params(demo.value(), member).update();
		}
		assertThat(firms.membershipOf(expert.id()).orElseThrow().firm()).isEqualTo(demo);
	}


}
