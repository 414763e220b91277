package fr.paraphe.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import fr.paraphe.Browser;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Operation;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Siren;
import fr.paraphe.terms.Terms;
import fr.paraphe.validation.TestSigner;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /cachet in a real browser: the owner picks three PDFs at once, follows the job's progress bar (the page polls
 * its state with /js/seal-job.js, no inline script) and downloads the ZIP of the three sealed PDFs and the manifest.
 */
@ParapheIntegrationTest
class SealJobBrowserTests {

	private static final Siren DEMO = new Siren("732829320");

	@LocalServerPort
	int port;

	@Autowired
	Firms firms;

	@Autowired
	Users users;

	@Autowired
	Billing billing;

	@Autowired
	Terms terms;

	private ChromeDriver browser;

	@AfterEach
	void quit() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void threePdfsSealedAsAJobWithAProgressBarAndDownloadedAsAZip() throws Exception {
		Path downloads = Files.createTempDirectory("paraphe-downloads");
		browser = Browser.start(downloads);
		Browser.login(browser, port, "expert");
		User expert = users.findBySubject("demo-expert").orElseThrow();
		terms.accept(expert.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		FirmId firm = firms.findBySiren(DEMO).orElseThrow().id();
		billing.credit(firm, expert.id(), Money.parse("20"));
		Money before = billing.balance(firm, expert.id());

		browser.get("http://localhost:" + port + "/cachet");
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("seal-job-form")));
		Path folder = Files.createTempDirectory("paraphe-job-files");
		StringBuilder paths = new StringBuilder();
		for (String name : new String[] { "contrat", "avenant", "attestation" }) {
			Path pdf = Files.write(folder.resolve(name + ".pdf"), TestSigner.document("Document " + name));
			paths.append(paths.isEmpty() ? "" : "\n").append(pdf.toAbsolutePath());
		}
		browser.findElement(By.id("files")).sendKeys(paths.toString());
		new Select(browser.findElement(By.id("job-level"))).selectByValue("B-B");
		browser.findElement(By.id("job-reason")).sendKeys("Lot de fin de mois");
		browser.findElement(By.id("seal-job-submit")).click();

		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("job-progress")));
		assertThat(browser.getCurrentUrl()).contains("/cachet/lots/");
		// The script reloads the page when the job ends: the ZIP's link appears, the bar is full.
		new WebDriverWait(browser, Duration.ofSeconds(90))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("job-download")));
		assertThat(browser.findElement(By.id("job-progress")).getDomAttribute("value")).isEqualTo("3");
		assertThat(browser.findElement(By.id("job-counts")).getText()).contains("3 cacheté(s), 0 en échec, sur 3");
		Browser.screenshot(browser, "seal-job-page");
		browser.findElement(By.id("job-download")).click();

		Path zip = new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> finishedZip(downloads));
		Map<String, byte[]> entries = SealJobClient.unzip(Files.readAllBytes(zip));
		assertThat(entries.keySet()).contains("contrat-cachete.pdf", "avenant-cachete.pdf", "attestation-cachete.pdf",
				"manifest.json");
		for (String name : new String[] { "contrat-cachete.pdf", "avenant-cachete.pdf", "attestation-cachete.pdf" }) {
			try (PDDocument sealed = Loader.loadPDF(entries.get(name))) {
				assertThat(sealed.getSignatureDictionaries()).singleElement()
					.satisfies(signature -> assertThat(signature.getReason()).isEqualTo("Lot de fin de mois"));
			}
		}
		Money price = billing.price(Operation.SEAL);
		assertThat(billing.balance(firm, expert.id())).isEqualTo(before.minus(price.times(3)));
	}

	private static Path finishedZip(Path downloads) {
		try (Stream<Path> files = Files.list(downloads)) {
			return files.filter(file -> file.getFileName().toString().endsWith(".zip")).findFirst().orElse(null);
		}
		catch (java.io.IOException e) {
			return null;
		}
	}

}
