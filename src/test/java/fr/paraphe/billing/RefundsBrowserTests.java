package fr.paraphe.billing;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.Axe;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.signing.SealingTest;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Remboursements à effectuer" in Chromium: the administrator reaches it from the navigation, sees a closed firm's
 * refund (firm, amount, former owner, closing date), marks it paid with the transfer's reference and date, and sees
 * it among the refunds made; accessible (axe-core) and without horizontal scroll at 390 px.
 */
@ParapheIntegrationTest
class RefundsBrowserTests extends SealingTest {

	@Test
	void theAdministratorMarksAClosedFirmsRefundPaidOnThePage() {
		String name = "Cabinet Navigateur " + UUID.randomUUID().toString().substring(0, 6);
		User owner = users.recordLogin(new SsoProfile("refund-page-" + UUID.randomUUID(), "Nina Rembourse",
				"nina-" + UUID.randomUUID() + "@cabinet.fr", Role.EXPERT_COMPTABLE, TestSirens.random(), name));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		acceptTerms(owner);
		billing.credit(firm, owner.id(), Money.parse("7.30"));
		firms.close(firm, owner.id(), name, Map.of("balance", "REFUND"));

		loggedIn("admin");
		browser.findElement(By.id("nav-admin-refunds")).click();
		wait.until(ExpectedConditions.attributeToBe(By.id("nav-admin-refunds"), "aria-current", "page"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Remboursements à effectuer");
		WebElement row = browser.findElement(By.id("refund-" + firm.value()));
		assertThat(row.getText()).contains(name, "7,30", "Nina Rembourse");
		Axe.assertAccessibleAndNarrow(browser, "the refunds to make");

		String reference = "VIR-RBT-" + UUID.randomUUID().toString().substring(0, 6);
		row.findElement(By.name("reference")).sendKeys(reference);
		// Chromium's date field takes the date as the French locale types it.
		LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
		browser.executeScript("arguments[0].value = arguments[1]", row.findElement(By.name("date")), today.toString());
		row.findElement(By.cssSelector("button[type=submit]")).click();

		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-success")));
		assertThat(browser.findElement(By.id("flash-success")).getText()).contains("Remboursement enregistré");
		assertThat(browser.findElements(By.id("refund-" + firm.value()))).isEmpty();
		assertThat(browser.findElement(By.id("paid-" + firm.value())).getText()).contains(name, "7,30", reference,
				today.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
		Axe.assertAccessibleAndNarrow(browser, "the refund made");
	}

}
