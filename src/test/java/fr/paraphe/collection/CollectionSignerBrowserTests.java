package fr.paraphe.collection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.Axe;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.collection.internal.Channel;
import fr.paraphe.collection.internal.Collection;
import fr.paraphe.collection.internal.CollectionStatus;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.DraftRequest;
import fr.paraphe.collection.internal.Place;
import fr.paraphe.collection.internal.SignerKind;
import fr.paraphe.collection.internal.SignerOptions;
import fr.paraphe.collection.internal.SigningOrder;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.validation.TestSigner;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client signs in Chromium: the page shows where the signature and the initials go on the page pictures, passes
 * axe-core (WCAG 2.1 A and AA: no serious or critical violation) at desktop width and at 360 px (without horizontal
 * scroll); the client uploads the RIB asked, types the mention and the city, enters the code and signs.
 */
@ParapheIntegrationTest
class CollectionSignerBrowserTests extends CollectionBrowsing {

	@Autowired
	fr.paraphe.signing.ApiKeys apiKeys;

	@Test
	void aClientUploadsTheRibTypesTheMentionAndTheCityAndSigns() throws Exception {
		CollectionFixture.NewFirm created = CollectionFixture.newFirm(users, firms, apiKeys, terms, billing,
				"Cabinet Navigateur");
		User owner = created.owner();
		FirmId firm = created.id();
		String address = "navigateur-" + UUID.randomUUID() + "@exemple.test";
		SignerOptions options = new SignerOptions(true, "Lu et approuvé", true,
				List.of(new SignerOptions.AttachmentRequest("RIB", List.of(SignerOptions.FileType.PDF))));
		DraftRequest request = new DraftRequest("Mandat SEPA", "Merci de signer.", null, SigningOrder.PARALLEL, null,
				false, List.of(new DraftRequest.NewSigner(SignerKind.CLIENT, "Mme", "Claire", "Martin", address, null,
						null, Channel.EMAIL, null, List.of(new Place(1, 1, 300, 80, 220, 110), new Place(1, 2, 60, 80, 220, 110)),
						options)));
		Collection draft = collections.create(owner.id(), firm, request,
				List.of(new Collections.Upload("mandat.pdf", TestSigner.document("Mandat, page 1", "Mandat, page 2"))),
				null, Collections.Origin.SERVER).collection();
		collections.launch(owner.id(), firm, draft.id(), null, Collections.Origin.SERVER);
		CollectionFixture fixture = new CollectionFixture(port, notifications, ca);
		String link = "http://localhost:" + port + "/collecte/" + fixture.latestToken(address);

		startBrowser();
		browser.manage().window().setSize(new Dimension(360, 800));
		browser.get(link);
		assertThat(browser.findElements(By.cssSelector("svg.page-boxes rect.signature-box"))).hasSize(2);
		assertThat(browser.findElements(By.cssSelector("svg.page-boxes rect.initials-box"))).hasSize(2);
		Map<String, Long> narrow = Axe.widths(browser);
		assertThat(narrow.get("scrollWidth")).as("no horizontal scroll at 360 px").isLessThanOrEqualTo(narrow.get("innerWidth"));
		assertThat(Axe.seriousViolations(browser)).as("at 360 px").isEmpty();

		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.findElement(By.id("consent")).click();
		browser.findElement(By.id("send-code")).click();
		wait(By.id("code-sent"));
		assertThat(Axe.seriousViolations(browser)).as("the code's form").isEmpty();

		Path rib = Files.createTempFile("rib", ".pdf");
		Files.write(rib, TestSigner.document("RIB de Claire Martin"));
		browser.findElement(By.id("attachment-1")).sendKeys(rib.toString());
		browser.findElement(By.id("attachment-send-1")).click();
		wait(By.id("attachment-given-1"));
		assertThat(browser.findElement(By.id("flash-success")).getText()).contains("Votre pièce a bien été déposée");

		browser.findElement(By.id("code")).sendKeys(fixture.latestCode(address));
		browser.findElement(By.id("mention")).sendKeys("lu et approuve");
		browser.findElement(By.id("city")).sendKeys("Lyon");
		browser.manage().window().setSize(new Dimension(360, 800));
		Map<String, Long> form = Axe.widths(browser);
		assertThat(form.get("scrollWidth")).as("the signing form at 360 px").isLessThanOrEqualTo(form.get("innerWidth"));
		assertThat(Axe.seriousViolations(browser)).as("the signing form at 360 px").isEmpty();
		browser.findElement(By.id("sign")).click();
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash-success"), "Votre signature a bien été apposée"));

		Collection done = collections.find(owner.id(), firm, draft.id());
		assertThat(done.status()).isEqualTo(CollectionStatus.COMPLETED);
		byte[] signed = collections.document(owner.id(), firm, draft.id(), 1).pdf();
		SimpleReport report = fixture.dss(signed);
		assertThat(report.getSignatureIdList()).hasSize(1);
		assertThat(report.getIndication(report.getFirstSignatureId())).isEqualTo(Indication.TOTAL_PASSED);
	}

	private void wait(By element) {
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(element));
	}

}
