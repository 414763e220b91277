package fr.paraphe.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.paraphe.Axe;
import fr.paraphe.BrowserTest;
import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Siren;
import fr.paraphe.webhook.internal.Workers;
import fr.paraphe.webhook.internal.Webhooks;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook pages in Chromium: no serious or critical axe-core violation (WCAG 2.1 A and AA), no sideways scroll
 * at 390 px, the delivery log reflowing into cards; the owner adds an endpoint with the keyboard-reachable form.
 */
@ParapheIntegrationTest
class WebhookPagesBrowserTests extends BrowserTest {

	@Autowired
	Firms firms;

	@Autowired
	Users users;

	@Autowired
	Webhooks webhooks;

	@Autowired
	ApplicationContext context;

	@Test
	void theWebhookPagesHaveNoSeriousAccessibilityViolationAndNoSidewaysScroll() throws Exception {
		new DemoLogin(port).loginAs("expert");
		User expert = users.findBySubject("demo-expert").orElseThrow();
		FirmId demo = firms.findBySiren(new Siren("732829320")).orElseThrow().id();
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			loggedIn("expert");
			browser.get("http://localhost:" + port + "/cabinet/webhooks");
			browser.findElement(By.id("url")).sendKeys(receiver.url("/a11y"));
			browser.findElement(By.id("description")).sendKeys("Logiciel de paie");
			browser.findElement(By.cssSelector("label[for=type-seal-created]")).click();
			browser.findElement(By.id("create")).click();
			// The click submits the form: wait for the next page rather than race it.
			String secret = new WebDriverWait(browser, Duration.ofSeconds(30))
				.withMessage(() -> "no secret shown; the page says: " + browser.findElement(By.tagName("main")).getText())
				.until(ExpectedConditions.presenceOfElementLocated(By.id("secret")))
				.getText();
			assertThat(secret).startsWith("whsec_");
			String endpointPage = browser.getCurrentUrl();
			org.openqa.selenium.WebElement sendTest = browser.findElement(By.id("send-test"));
			sendTest.click();
			new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(sendTest));
			receiver.behave("/a11y", n -> WebhookReceiver.Answer.status(500));
			Workers.deliverDue(context);
			browser.get(endpointPage);
			assertThat(browser.findElement(By.cssSelector(".delivery-status")).getText()).isEqualTo("En attente");

			List<String> failures = new ArrayList<>();
			for (String page : List.of("http://localhost:" + port + "/cabinet/webhooks", endpointPage)) {
				browser.manage().window().setSize(new Dimension(1280, 900));
				browser.get(page);
				for (String violation : Axe.seriousViolations(browser)) {
					failures.add(page + " at 1280 px: " + violation);
				}
				browser.manage().window().setSize(new Dimension(390, 844));
				browser.navigate().refresh();
				Map<String, Long> widths = Axe.widths(browser);
				if (widths.get("scrollWidth") > widths.get("innerWidth")) {
					failures.add(page + " at 390 px scrolls sideways: " + widths);
				}
				for (String violation : Axe.seriousViolations(browser)) {
					failures.add(page + " at 390 px: " + violation);
				}
			}
			assertThat(failures).isEmpty();
			webhooks.endpoints(expert.id(), demo)
				.stream()
				.filter(endpoint -> endpoint.url().equals(receiver.url("/a11y")))
				.forEach(endpoint -> webhooks.delete(expert.id(), demo, endpoint.id()));
		}
	}

}
