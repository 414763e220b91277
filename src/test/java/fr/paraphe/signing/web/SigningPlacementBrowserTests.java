package fr.paraphe.signing.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.signing.SealingTest;
import fr.paraphe.Browser;
import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.signing.PersonalSignatures;
import fr.paraphe.validation.TestSigner;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The signing page in a real browser: the signer drags and resizes the signature box on the picture of the page,
 * the fields follow, and the signed PDF's signature widget sits where the box was.
 */
@ParapheIntegrationTest
class SigningPlacementBrowserTests extends SealingTest {

	@Autowired
	CertificationAuthority ca;

	@Autowired
	Notifications notifications;

	@Autowired
	PersonalSignatures signatures;

	@Test
	void theSignerPlacesTheSignatureByDraggingItOnThePage() throws Exception {
		new DemoLogin(port).loginAs("expert");
		FirmId firm = demoFirm();
		User owner = users.findById(firms.ownersOf(firm).get(0)).orElseThrow();
		ca.issue(new NaturalPerson(owner.id(), "Expert", "Démo", "IDCFR-DRAG-" + UUID.randomUUID().toString().substring(0, 8), "FR"));
		billing.credit(firm, owner.id(), Money.parse("10"));
		terms.current().ifPresent(current -> terms.accept(owner.id(), current.number(), "127.0.0.1"));
		Path pdf = Files.createTempFile("paraphe-placement-", ".pdf");
		Files.write(pdf, TestSigner.document("Page un", "Page deux"));

		startBrowser();
		Browser.login(browser, port, "expert");
		browser.findElement(By.id("nav-sign")).click();
		browser.findElement(By.id("file")).sendKeys(pdf.toString());
		browser.findElement(By.id("upload")).click();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signature-box")));
		browser.findElement(By.id("next-page")).click();
		wait.until(ExpectedConditions.urlContains("page=2"));
		WebElement image = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-image")));
		wait.until(driver -> ((Number) browser.executeScript("return arguments[0].naturalWidth", image)).intValue() > 0);
		WebElement box = browser.findElement(By.id("signature-box"));
		double scale = image.getSize().getWidth() / 595.28;

		// Drag the box up and to the left, then pull its corner: the fields follow, in points.
		int x = Integer.parseInt(browser.findElement(By.id("x")).getDomProperty("value"));
		int y = Integer.parseInt(browser.findElement(By.id("y")).getDomProperty("value"));
		new Actions(browser).clickAndHold(box).moveByOffset(-(int) (100 * scale), -(int) (300 * scale)).release().perform();
		assertThat(Integer.parseInt(browser.findElement(By.id("x")).getDomProperty("value"))).isCloseTo(x - 100, within(3));
		assertThat(Integer.parseInt(browser.findElement(By.id("y")).getDomProperty("value"))).isCloseTo(y + 300, within(3));
		int height = Integer.parseInt(browser.findElement(By.id("height")).getDomProperty("value"));
		new Actions(browser).clickAndHold(browser.findElement(By.id("resize-handle")))
			.moveByOffset((int) (40 * scale), (int) (30 * scale))
			.release()
			.perform();
		assertThat(Integer.parseInt(browser.findElement(By.id("height")).getDomProperty("value"))).isCloseTo(height + 30, within(3));
		float[] placed = new float[4];
		String[] names = { "x", "y", "width", "height" };
		for (int i = 0; i < 4; i++) {
			placed[i] = Float.parseFloat(browser.findElement(By.id(names[i])).getDomProperty("value"));
		}
		Browser.screenshot(browser, "signing-placement");

		int mails = notifications.sentTo(owner.email()).size();
		browser.findElement(By.id("send-code")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
		assertThat(notifications.sentTo(owner.email())).hasSize(mails + 1);
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(notifications.sentTo(owner.email()).get(0).text());
		assertThat(code.find()).isTrue();
		browser.findElement(By.id("code")).sendKeys(code.group(1));
		browser.findElement(By.id("confirm")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("download")));

		UUID id = UUID.fromString(browser.getCurrentUrl().replaceAll(".*/signer/([0-9a-f-]{36}).*", "$1"));
		byte[] signed = signatures.signed(owner.id(), id).orElseThrow();
		try (PDDocument document = Loader.loadPDF(signed)) {
			PDSignatureField field = (PDSignatureField) document.getSignatureFields().get(0);
			var widget = field.getWidgets().get(0);
			assertThat(document.getPages().indexOf(widget.getPage())).isEqualTo(1);
			PDRectangle rectangle = widget.getRectangle();
			assertThat(rectangle.getLowerLeftX()).isCloseTo(placed[0], within(0.5f));
			assertThat(rectangle.getLowerLeftY()).isCloseTo(placed[1], within(0.5f));
			assertThat(rectangle.getWidth()).isCloseTo(placed[2], within(0.5f));
			assertThat(rectangle.getHeight()).isCloseTo(placed[3], within(0.5f));
		}
		Files.deleteIfExists(pdf);
	}

}
