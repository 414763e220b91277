package fr.paraphe.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.Browser;
import fr.paraphe.BrowserTest;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.firm.Firms;
import fr.paraphe.notification.Message;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.registration.TestDocuments;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Siren;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Premiers pas" on the home page, walked in Chromium by the owner of a firm that has done nothing yet: each step
 * is reached from its link, done there, and found ticked back on the home page, from the firm's details to the
 * first signed document (with a registration officer's approval in a second browser).
 */
@ParapheIntegrationTest
class FirstStepsBrowserTests extends BrowserTest {

	private static final Siren DEMO = new Siren("732829320");

	private static final List<String> STEPS = List.of("step-firm", "step-terms", "step-registration", "step-approval",
			"step-credit", "step-signature");

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	CertificationAuthority authority;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path directory;

	private ChromeDriver expert;

	private ChromeDriver officer;

	@Test
	void aNewFirmsOwnerWalksFirstStepsFromFirstLoginToTheFirstSignedDocument() throws Exception {
		expert = loggedIn("expert");
		User owner = users.findBySubject("demo-expert").orElseThrow();
		FirmId firm = firms.findBySiren(DEMO).orElseThrow().id();
		startAfresh(owner, firm);
		home();
		assertThat(expert.findElement(By.id("first-steps-heading")).getText()).isEqualTo("Premiers pas");
		assertDone();

		// 1. The firm's details, on /cabinet.
		step("step-firm");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("details-form")));
		fill("ordreNumber", "75-0012345");
		fill("addressLine", "12 rue des Comptes");
		fill("postalCode", "75002");
		fill("city", "Paris");
		expert.findElement(By.id("details-save")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-success")));
		home();
		assertDone("step-firm");

		// 2. The CGU.
		step("step-terms");
		wait.until(ExpectedConditions.elementToBeClickable(By.id("terms-accept"))).click();
		expert.findElement(By.id("terms-submit")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("terms-accepted")));
		home();
		assertDone("step-firm", "step-terms");

		// 3. The registration, with an identity card.
		step("step-registration");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("registration-form")));
		new Select(expert.findElement(By.id("civilite"))).selectByValue("MADAME");
		fill("prenoms", "Claire");
		fill("nom", "Martin");
		expert.executeScript("arguments[0].value = '1980-04-12'", expert.findElement(By.id("dateNaissance")));
		fill("lieuNaissance", "Lyon");
		fill("mobile", "06 12 34 56 78");
		new Select(expert.findElement(By.id("typePiece"))).selectByValue("CARTE_IDENTITE");
		expert.findElement(By.id("recto")).sendKeys(Files.write(directory.resolve("recto.jpg"), TestDocuments.jpeg()).toString());
		expert.findElement(By.id("verso")).sendKeys(Files.write(directory.resolve("verso.png"), TestDocuments.png()).toString());
		if (!expert.findElements(By.id("cgu")).isEmpty() && !expert.findElement(By.id("cgu")).isSelected()) {
			expert.findElement(By.id("cgu")).click();
		}
		expert.findElement(By.id("registration-submit")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-success")));
		home();
		assertDone("step-firm", "step-terms", "step-registration");
		assertThat(expert.findElement(By.id("certificate-state")).getText()).contains("attend la vérification d’un opérateur");

		// 4. A registration officer approves, in another browser; the officer's home says what waits.
		officer = loggedIn("officier");
		WebDriverWait officerWait = new WebDriverWait(officer, Duration.ofSeconds(30));
		assertThat(officer.findElement(By.id("waiting-registrations")).getText()).contains("à vérifier");
		officer.findElement(By.id("nav-registrations")).click();
		UUID registration = jdbc.sql("SELECT id FROM registration WHERE user_id = ? AND status = 'PENDING'")
			.param(owner.id().value())
			.query(UUID.class)
			.single();
		officerWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='/verification/" + registration + "']")))
			.click();
		officerWait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
		officerWait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-success")));
		home();
		assertDone("step-firm", "step-terms", "step-registration", "step-approval");
		assertThat(expert.findElement(By.id("certificate-state")).getText()).contains("est valide jusqu’au");

		// 5. Credit the firm's account.
		step("step-credit");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("montant"))).sendKeys("20");
		expert.findElement(By.id("credit")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-success")));
		home();
		assertDone("step-firm", "step-terms", "step-registration", "step-approval", "step-credit");
		assertThat(expert.findElement(By.id("home-balance")).getText()).contains("20,00");

		// 6. The first signature: upload, place, code by e-mail, sign.
		step("step-signature");
		Path pdf = Files.write(directory.resolve("lettre-de-mission.pdf"), TestSigner.document("Lettre de mission"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file"))).sendKeys(pdf.toString());
		expert.findElement(By.id("upload")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("send-code")));
		int mails = notifications.sentTo(owner.email()).size();
		expert.findElement(By.id("send-code")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
		wait.until(driver -> notifications.sentTo(owner.email()).size() > mails);
		expert.findElement(By.id("code")).sendKeys(lastCode(owner.email()));
		expert.findElement(By.id("confirm")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("download")));
		home();
		assertThat(expert.findElements(By.id("first-steps"))).as("the open checklist goes once all is done").isEmpty();
		assertDone(STEPS.toArray(String[]::new));
		assertThat(expert.findElement(By.cssSelector("#first-steps-done summary")).getText()).contains("tout est fait");

		// The signed document is in Documents.
		expert.findElement(By.id("nav-documents")).click();
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#documents .file-name"))).getText())
			.isEqualTo("lettre-de-mission.pdf");
		Browser.screenshot(expert, "first-steps-documents");
	}

	private void home() {
		expert.get("http://localhost:" + port + "/");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
	}

	private void step(String id) {
		expert.findElement(By.cssSelector("#" + id + " a")).click();
	}

	private void fill(String id, String value) {
		expert.findElement(By.id(id)).clear();
		expert.findElement(By.id(id)).sendKeys(value);
	}

	/** These steps are ticked, the others are not. */
	private void assertDone(String... done) {
		List<String> ticked = List.of(done);
		for (String step : STEPS) {
			assertThat(expert.findElement(By.id(step)).getDomAttribute("data-done")).as(step)
				.isEqualTo(String.valueOf(ticked.contains(step)));
		}
	}

	private String lastCode(String email) {
		Message message = notifications.sentTo(email)
			.stream()
			.filter(m -> m.template().equals("signing-code"))
			.findFirst()
			.orElseThrow();
		Matcher matcher = Pattern.compile("\\b([0-9]{6})\\b").matcher(message.text());
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	/**
	 * The demonstration firm as new: no details beyond its name, no CGU accepted, no registration nor certificate,
	 * no money, nothing signed (the tests share one database, and the default profile prepares the demonstration
	 * firm).
	 */
	private void startAfresh(User owner, FirmId firm) {
		jdbc.sql("UPDATE firm SET ordre_number = NULL, address_line = NULL, postal_code = NULL, city = NULL WHERE id = ?")
			.param(firm.value())
			.update();
		jdbc.sql("DELETE FROM terms_acceptance WHERE user_id = ?").param(owner.id().value()).update();
		fr.paraphe.registration.FreshRegistrant.clear(jdbc, authority, owner);
		for (String table : List.of("billing_entry", "billing_reservation", "billing_payment_intent", "billing_receipt",
				"signing_document")) {
			jdbc.sql("DELETE FROM " + table + " WHERE firm_id = ?").param(firm.value()).update();
		}
		// The account stays (its entry numbering goes on), empty like the ledger.
		jdbc.sql("UPDATE billing_account SET balance_cents = 0 WHERE firm_id = ?").param(firm.value()).update();
		jdbc.sql("DELETE FROM signing_request WHERE user_id = ?").param(owner.id().value()).update();
	}

}
