package fr.paraphe.signing;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import fr.paraphe.Browser;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.billing.Operation;
import fr.paraphe.identity.User;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.validation.TestSigner;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seal page in two real browsers: the owner grants SEAL to the collaborator, who seals a PDF on /cachet and
 * downloads it sealed with the firm's seal (the firm debited one seal); the owner withdraws SEAL, and the
 * collaborator's next attempt gets the French 403 page.
 */
@ParapheIntegrationTest
class SealBrowserTests extends SealingTest {

	private static final String COLLABORATOR_EMAIL = "julien.bernard@cabinet-demo.fr";

	@Autowired
	FirmSeals seals;

	private ChromeDriver owner;

	private ChromeDriver collaborator;

	@Test
	void aCollaboratorWithSealSealsAPdfAndIsRefusedOnceItIsWithdrawn() throws Exception {
		Path downloads = Files.createTempDirectory("paraphe-downloads");
		owner = startBrowser();
		Browser.login(owner, port, "expert");
		owner.get("http://localhost:" + port + "/cabinet");
		if (owner.findElements(By.cssSelector("tr[data-member='" + COLLABORATOR_EMAIL + "']")).isEmpty()) {
			owner.findElement(By.id("identifiant")).sendKeys(COLLABORATOR_EMAIL);
			owner.findElement(By.id("add-collaborator")).click();
			waitForSuccess(owner, "Le collaborateur a été ajouté");
		}
		WebElement row = memberRow();
		new Select(row.findElement(By.name("delegation"))).selectByValue("SEAL");
		row.findElement(By.className("grant-button")).click();
		waitForSuccess(owner, "La délégation a été accordée.");

		collaborator = startBrowser(downloads);
		Browser.login(collaborator, port, "collab");
		// What the collaborator needs besides the delegation: the CGU in force accepted, and a firm with credit.
		User collab = users.findBySubject("demo-collab").orElseThrow();
		acceptTerms(collab);
		FirmId firm = demoFirm();
		User expert = users.findById(firms.ownersOf(firm).get(0)).orElseThrow();
		billing.credit(firm, expert.id(), Money.parse("20"));
		IssuedCertificate seal = seals.current(DEMO).orElseThrow();

		collaborator.navigate().refresh();
		collaborator.findElement(By.id("nav-seal")).click();
		new WebDriverWait(collaborator, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("seal-form")));
		Path pdf = Files.write(downloads.getParent().resolve("paraphe-" + System.nanoTime() + "-attestation.pdf"),
				TestSigner.document("Attestation de mission"));
		Money before = billing.balance(firm, expert.id());
		collaborator.findElement(By.id("file")).sendKeys(pdf.toAbsolutePath().toString());
		collaborator.findElement(By.id("reason")).sendKeys("Attestation");
		collaborator.findElement(By.id("seal-submit")).click();
		// Sealed, the confirmation says so and offers the download (POST, redirect, GET).
		new WebDriverWait(collaborator, Duration.ofSeconds(60))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("download")));
		assertThat(collaborator.findElement(By.id("done-who")).getText()).isEqualTo("Cabinet Démo");
		collaborator.findElement(By.id("download")).click();

		String expectedName = pdf.getFileName().toString().replace(".pdf", "-cachete.pdf");
		Path sealed = downloads.resolve(expectedName);
		new WebDriverWait(collaborator, Duration.ofSeconds(60)).until(driver -> Files.exists(sealed) && noPartialDownload(downloads));
		byte[] bytes = Files.readAllBytes(sealed);
		try (PDDocument document = Loader.loadPDF(bytes)) {
			List<PDSignature> signatures = document.getSignatureDictionaries();
			assertThat(signatures).hasSize(1);
			PDSignature signature = signatures.get(0);
			assertThat(signature.getName()).isEqualTo("Cabinet Démo");
			assertThat(signature.getReason()).isEqualTo("Attestation");
			// The CMS is signed by the firm's seal certificate (ASN.1 read to its end: /Contents is zero-padded).
			try (ASN1InputStream asn1 = new ASN1InputStream(new ByteArrayInputStream(signature.getContents(bytes)))) {
				CMSSignedData cms = new CMSSignedData(ContentInfo.getInstance(asn1.readObject()));
				SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
				assertThat(signer.getSID().getSerialNumber()).isEqualTo(seal.serial().value());
			}
		}
		Money price = billing.tariffAt(java.time.Instant.now()).grossPrice(Operation.SEAL);
		assertThat(billing.balance(firm, expert.id())).isEqualTo(before.minus(price));
		Browser.screenshot(collaborator, "seal-page");
		// "Cacheter un autre document": the seal page again, which stays open while the delegation is withdrawn.
		collaborator.findElement(By.id("done-another")).click();
		new WebDriverWait(collaborator, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("seal-form")));

		memberRow().findElement(By.cssSelector("[data-withdraw=SEAL]")).click();
		waitForSuccess(owner, "La délégation a été retirée.");

		// The page is still open: the next attempt is refused on the server.
		collaborator.findElement(By.id("file")).sendKeys(pdf.toAbsolutePath().toString());
		collaborator.findElement(By.id("seal-submit")).click();
		new WebDriverWait(collaborator, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Accès refusé"));
		assertThat(collaborator.findElement(By.tagName("main")).getText())
			.contains("Vous n’avez pas la délégation « Sceller » pour ce cabinet");
		assertThat(collaborator.findElements(By.id("nav-seal"))).isEmpty();
		assertThat(billing.balance(firm, expert.id())).isEqualTo(before.minus(price));
		Files.deleteIfExists(pdf);
	}

	private static boolean noPartialDownload(Path downloads) {
		try (Stream<Path> files = Files.list(downloads)) {
			return files.noneMatch(file -> file.getFileName().toString().endsWith(".crdownload"));
		}
		catch (java.io.IOException e) {
			return false;
		}
	}

	private static void waitForSuccess(ChromeDriver browser, String message) {
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash-success"), message));
	}

	private WebElement memberRow() {
		return owner.findElement(By.cssSelector("tr[data-member='" + COLLABORATOR_EMAIL + "']"));
	}

}
