package fr.paraphe.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.paraphe.Axe;
import fr.paraphe.Browser;
import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Siren;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main pages in Chromium: no serious or critical axe-core violation (WCAG 2.1 A and AA rules), no horizontal
 * scroll at a phone's 390 px, and a header whose links fold behind "Menu" there and open with the keyboard; officers'
 * and administrators' headers link to their own pages.
 */
@ParapheIntegrationTest
class MainPagesBrowserTests {

	private static final List<String> PAGES = List.of("/", "/documents", "/signer", "/cachet", "/cabinet",
			"/cabinet/compte", "/enregistrement", "/valider");

	@LocalServerPort
	int port;

	@Autowired
	Firms firms;

	@Autowired
	Users users;

	@Autowired
	fr.paraphe.pki.CertificationAuthority authority;

	@Autowired
	fr.paraphe.terms.Terms terms;

	@Autowired
	fr.paraphe.billing.Billing billing;

	@Autowired
	fr.paraphe.signing.FirmSeals seals;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private ChromeDriver browser;

	@AfterEach
	void quit() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theMainPagesHaveNoSeriousAccessibilityViolationAndNoHorizontalScrollAt390Px() {
		new DemoLogin(port).loginAs("expert");
		// Without a certificate first (the registration form shows), then with one (the signing form shows).
		User expert = users.findBySubject("demo-expert").orElseThrow();
		fr.paraphe.registration.FreshRegistrant.clear(jdbc, authority, expert);
		// A document in Documents and a statement with lines, so that their tables show as cards.
		FirmId demo = firms.findBySiren(new Siren("732829320")).orElseThrow().id();
		terms.accept(expert.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		billing.credit(demo, expert.id(), fr.paraphe.shared.Money.parse("20"));
		seals.seal(demo, expert.id(), fr.paraphe.validation.TestSigner.document("Lettre"),
				fr.paraphe.pades.SignatureParameters.invisible(fr.paraphe.pades.SignatureLevel.B_LT, null, null));
		browser = Browser.start();
		Browser.login(browser, port, "expert");
		List<String> failures = new ArrayList<>();
		check(PAGES, failures);
		authority.issue(new fr.paraphe.pki.NaturalPerson(expert.id(), "Claire", "Martin",
				"IDCFR-A11Y-" + java.util.UUID.randomUUID().toString().substring(0, 8), "FR"));
		check(List.of("/", "/signer", "/compte"), failures);
		assertThat(failures).isEmpty();
	}

	private void check(List<String> pages, List<String> failures) {
		for (String page : pages) {
			browser.manage().window().setSize(new Dimension(1280, 900));
			browser.get("http://localhost:" + port + page);
			for (String violation : Axe.seriousViolations(browser)) {
				failures.add(page + " at 1280 px: " + violation);
			}
			browser.manage().window().setSize(new Dimension(390, 844));
			browser.navigate().refresh();
			Map<String, Long> widths = Axe.widths(browser);
			assertThat(widths.get("innerWidth")).as("the window's width").isLessThanOrEqualTo(390L);
			if (widths.get("scrollWidth") > widths.get("innerWidth")) {
				failures.add(page + " at 390 px scrolls sideways: " + widths);
				Browser.screenshot(browser, "wide" + page.replace('/', '-'));
			}
			for (String violation : Axe.seriousViolations(browser)) {
				failures.add(page + " at 390 px: " + violation);
			}
		}
	}

	@Test
	void theChecksSeeAnUnlabelledImageAndAPageTooWide() {
		browser = Browser.start();
		Browser.login(browser, port, "expert");
		browser.manage().window().setSize(new Dimension(390, 844));
		browser.get("http://localhost:" + port + "/documents");
		browser.executeScript("const image = document.createElement('img'); image.src = '/favicon.ico';"
				+ "document.querySelector('main').appendChild(image);"
				+ "const wide = document.createElement('div'); wide.style.width = '1000px'; wide.textContent = 'x';"
				+ "document.querySelector('main').appendChild(wide);");
		assertThat(Axe.seriousViolations(browser)).anySatisfy(violation -> assertThat(violation).startsWith("image-alt: "));
		Map<String, Long> widths = Axe.widths(browser);
		assertThat(widths.get("scrollWidth")).isGreaterThan(widths.get("innerWidth"));
	}

	@Test
	void atPhoneWidthTheHeaderFoldsBehindAMenuThatTheKeyboardOpensAndCloses() {
		browser = Browser.start();
		Browser.login(browser, port, "expert");
		browser.manage().window().setSize(new Dimension(390, 844));
		browser.get("http://localhost:" + port + "/documents");
		WebElement toggle = browser.findElement(By.id("menu-toggle"));
		assertThat(toggle.isDisplayed()).isTrue();
		assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("false");
		assertThat(browser.findElement(By.id("nav-documents")).isDisplayed()).isFalse();

		// Tab to the button (after "Aller au contenu" and the brand), open it with Enter.
		browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
		WebElement focused = browser.switchTo().activeElement();
		for (int i = 0; i < 5 && !"menu-toggle".equals(focused.getDomAttribute("id")); i++) {
			focused.sendKeys(Keys.TAB);
			focused = browser.switchTo().activeElement();
		}
		assertThat(focused.getDomAttribute("id")).isEqualTo("menu-toggle");
		focused.sendKeys(Keys.ENTER);
		assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("true");
		for (String link : List.of("nav-home", "nav-documents", "nav-sign", "nav-seal", "nav-firm", "nav-account")) {
			assertThat(browser.findElement(By.id(link)).isDisplayed()).as(link).isTrue();
		}
		assertThat(browser.findElement(By.id("nav-documents")).getDomAttribute("aria-current")).isEqualTo("page");
		browser.findElement(By.id("nav-firm")).sendKeys(Keys.ESCAPE);
		assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("false");
		assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("menu-toggle");

		// At desktop width there is no menu button: every link shows.
		browser.manage().window().setSize(new Dimension(1280, 900));
		assertThat(toggle.isDisplayed()).isFalse();
		assertThat(browser.findElement(By.id("nav-documents")).isDisplayed()).isTrue();
	}

	@Test
	void officersAndAdministratorsHeadersLinkToTheirOwnPages() {
		browser = Browser.start();
		Browser.login(browser, port, "officier");
		assertThat(browser.findElement(By.id("nav-registrations")).getDomAttribute("href")).isEqualTo("/verification");
		assertThat(browser.findElement(By.id("nav-firm-checks")).getDomAttribute("href")).isEqualTo("/verification/cabinets");
		assertThat(browser.findElements(By.id("nav-documents"))).isEmpty();
		browser.findElement(By.id("nav-registrations")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.attributeToBe(By.id("nav-registrations"), "aria-current", "page"));
		browser.quit();

		browser = Browser.start();
		Browser.login(browser, port, "admin");
		assertThat(browser.findElement(By.id("nav-admin-pki")).getDomAttribute("href")).isEqualTo("/admin/pki");
		assertThat(browser.findElement(By.id("nav-admin-billing")).getDomAttribute("href")).isEqualTo("/admin/facturation");
		assertThat(browser.findElement(By.id("nav-admin-terms")).getDomAttribute("href")).isEqualTo("/admin/cgu");
		assertThat(browser.findElement(By.id("nav-admin-mailbox")).getDomAttribute("href")).isEqualTo("/admin/courriels");
		assertThat(browser.findElement(By.id("nav-admin-audit")).getDomAttribute("href")).isEqualTo("/admin/journal");
		assertThat(browser.findElements(By.id("nav-documents"))).isEmpty();
		browser.findElement(By.id("nav-admin-billing")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.attributeToBe(By.id("nav-admin-billing"), "aria-current", "page"));
	}

}
