package fr.paraphe.registration;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.BrowserTest;
import fr.paraphe.DemoLogin;
import fr.paraphe.OpenSsl;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Message;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole journey in headless Chromium: an expert-comptable logs in through the demonstration SSO,
 * registers with an identity card, a registration officer approves, the expert sees the certificate in
 * "Votre compte", revokes it with the code received by e-mail, and {@code openssl ocsp} against the running
 * server answers "revoked".
 */
@ParapheIntegrationTest
class RegistrationJourneyBrowserTests extends BrowserTest {

	private static final String EXPERT_EMAIL = "claire.martin@cabinet-demo.fr";

	@Autowired
	Users users;

	@Autowired
	CertificationAuthority authority;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path directory;

	@Test
	void registerGetApprovedSeeTheCertificateRevokeItAndOcspSaysRevoked() throws Exception {
		ChromeDriver expert = loggedIn("expert");
		User user = users.findBySubject("demo-expert").orElseThrow();
		clear(user);
		expert.navigate().refresh();
		WebDriverWait wait = new WebDriverWait(expert, Duration.ofSeconds(30));

		// S'enregistrer, from the home page.
		wait.until(ExpectedConditions.elementToBeClickable(By.id("register-link"))).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("registration-form")));
		assertThat(expert.findElement(By.id("email")).getAttribute("value")).isEqualTo(EXPERT_EMAIL);
		assertThat(expert.findElement(By.id("advice-link")).getText()).contains("Nos conseils");
		new Select(expert.findElement(By.id("civilite"))).selectByValue("MADAME");
		expert.findElement(By.id("prenoms")).clear();
		expert.findElement(By.id("prenoms")).sendKeys("Claire Louise");
		expert.findElement(By.id("nom")).clear();
		expert.findElement(By.id("nom")).sendKeys("Martin");
		expert.executeScript("arguments[0].value = '1980-04-12'", expert.findElement(By.id("dateNaissance")));
		expert.findElement(By.id("lieuNaissance")).sendKeys("Lyon");
		expert.findElement(By.id("mobile")).sendKeys("06 12 34 56 78");
		new Select(expert.findElement(By.id("typePiece"))).selectByValue("CARTE_IDENTITE");
		Path front = Files.write(directory.resolve("cni-recto.jpg"), TestDocuments.jpeg());
		Path back = Files.write(directory.resolve("cni-verso.png"), TestDocuments.png());
		expert.findElement(By.id("recto")).sendKeys(front.toString());
		expert.findElement(By.id("verso")).sendKeys(back.toString());
		expert.findElement(By.id("cgu")).click();
		expert.findElement(By.id("registration-submit")).click();
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-success"))).getText())
			.contains("demande d’enregistrement est envoyée");
		assertThat(expert.findElement(By.id("registration-state")).getText()).contains("En attente");
		UUID registration = jdbc.sql("SELECT id FROM registration WHERE user_id = :u AND status = 'PENDING'")
			.param("u", user.id().value())
			.query(UUID.class)
			.single();

		// The officer reviews and approves.
		ChromeDriver officer = loggedIn("officier");
		WebDriverWait officerWait = new WebDriverWait(officer, Duration.ofSeconds(30));
		officerWait.until(ExpectedConditions.elementToBeClickable(By.id("review-link"))).click();
		officerWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='/verification/" + registration + "']")))
			.click();
		officerWait.until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
		assertThat(officer.findElement(By.id("review-surname")).getText()).isEqualTo("Martin");
		assertThat(officer.findElements(By.cssSelector("img.document-image"))).hasSize(2).allSatisfy(image -> {
			Object width = officer.executeScript("return arguments[0].naturalWidth", image);
			assertThat(((Number) width).intValue()).isEqualTo(320);
		});
		officer.findElement(By.id("approve")).click();
		assertThat(officerWait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-success"))).getText())
			.contains("certificat de signature est délivré");

		// Votre compte.
		expert.get("http://localhost:" + port + "/");
		wait.until(ExpectedConditions.elementToBeClickable(By.id("account-link"))).click();
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("certificate-status"))).getText())
			.isEqualTo("Valide");
		// In plain words first; the X.500 names, key and fingerprint are in the folded technical details.
		assertThat(expert.findElement(By.id("certificate-holder")).getText()).isEqualTo("Claire Louise Martin");
		assertThat(expert.findElement(By.id("certificate-issuer-name")).getText()).isEqualTo("Paraphe Personnes");
		assertThat(expert.findElement(By.id("certificate-subject")).isDisplayed()).isFalse();
		expert.findElement(By.cssSelector("#certificate-technical summary")).click();
		assertThat(expert.findElement(By.id("certificate-subject")).getText()).contains("CN=Claire Louise Martin");
		assertThat(expert.findElement(By.id("certificate-issuer")).getText()).contains("Paraphe Personnes");
		assertThat(expert.findElement(By.id("certificate-key")).getText()).contains("256 bits");
		assertThat(expert.findElement(By.id("certificate-usages")).getText()).contains("nonRepudiation");
		String serial = expert.findElement(By.id("certificate-serial")).getText();
		IssuedCertificate issued = authority.certificatesOf(user.id()).get(0);
		// One way everywhere (issue 14): lower-case hexadecimal, as on /cabinet/cles-api, /admin/pki and in e-mails.
		assertThat(serial).isEqualTo(issued.serial().hex());
		assertThat(expert.findElement(By.id("certificate-fingerprint")).getText()).isEqualTo(issued.sha256Fingerprint());
		assertThat(expert.findElement(By.id("terms-acceptances")).getText()).contains("Version");

		// The PEM download is the certificate; another serial is not reachable.
		DemoLogin http = new DemoLogin(port).loginAs("expert");
		HttpResponse<byte[]> pem = http.getBytes("/compte/certificats/" + serial + ".pem");
		assertThat(pem.statusCode()).isEqualTo(200);
		Files.write(directory.resolve("person.pem"), pem.body());
		HttpResponse<byte[]> der = http.getBytes("/compte/certificats/" + serial + ".der");
		assertThat(der.body()).isEqualTo(issued.encoded());
		assertThat(http.getBytes("/compte/certificats/" + authority.hierarchy().get(0).serial().hex() + ".pem").statusCode())
			.isEqualTo(404);

		OpenSsl openssl = new OpenSsl(directory);
		download(http, "/pki/ca/root.pem", "root.pem");
		download(http, "/pki/ca/personnes.pem", "personnes.pem");
		assertThat(ocsp(openssl).output()).contains("Response verify OK").contains("person.pem: good");

		// Révoquer mon certificat, with the code received by e-mail.
		expert.findElement(By.id("revoke-link")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("canal-email"))).click();
		expert.findElement(By.id("send-code")).click();
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code-sent"))).getText())
			.contains("@cabinet-demo.fr");
		String code = lastCode();
		WebElement codeField = expert.findElement(By.id("code"));
		codeField.sendKeys(code);
		new Select(expert.findElement(By.id("motif"))).selectByValue("KEY_COMPROMISE");
		expert.findElement(By.id("confirm-revocation")).click();
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-success"))).getText())
			.contains("certificat est révoqué");
		assertThat(expert.findElement(By.id("no-certificate")).getText()).contains("pas de certificat");
		assertThat(expert.findElements(By.id("account-register"))).hasSize(1);
		assertThat(notifications.sentTo(EXPERT_EMAIL).get(0).template()).isEqualTo("certificate-revoked");

		OpenSsl.Result revoked = ocsp(openssl);
		assertThat(revoked.output()).contains("Response verify OK")
			.contains("person.pem: revoked")
			.contains("Reason: keyCompromise");
		clear(user);
	}

	private OpenSsl.Result ocsp(OpenSsl openssl) throws Exception {
		return openssl.run("ocsp", "-issuer", "personnes.pem", "-CAfile", "root.pem", "-url",
				"http://127.0.0.1:" + port + "/pki/ocsp", "-cert", "person.pem");
	}

	private void download(DemoLogin http, String path, String file) throws Exception {
		HttpResponse<byte[]> response = http.getBytes(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		Files.write(directory.resolve(file), response.body());
	}

	private String lastCode() {
		Message message = notifications.sentTo(EXPERT_EMAIL)
			.stream()
			.filter(m -> m.template().equals("revocation-code"))
			.findFirst()
			.orElseThrow();
		Matcher matcher = Pattern.compile("\\b([0-9]{6})\\b").matcher(message.text());
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	/** The demonstration expert starts with no registration and no valid certificate. */
	private void clear(User user) {
		FreshRegistrant.clear(jdbc, authority, user);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.US_ASCII);
	}

}
