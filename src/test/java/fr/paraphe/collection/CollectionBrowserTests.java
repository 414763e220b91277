package fr.paraphe.collection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.Browser;
import fr.paraphe.collection.internal.CollectionStatus;
import fr.paraphe.identity.User;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.Siren;
import fr.paraphe.validation.TestSigner;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole collection in real browsers, e-mails over SMTP (GreenMail, on a free port): a collaborator with PREPARE
 * prepares a three-signer sequential collection (two clients, then the owner), the owner launches it, each client
 * signs from the e-mailed link with the code read from GreenMail or from the SMS outbox, the owner signs with their
 * own certificate; the signed PDF passes EU DSS (only our root trusted) at B-LTA and pdfsig.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CollectionBrowserTests extends CollectionBrowsing {

	private static final String COLLABORATOR_EMAIL = "julien.bernard@cabinet-demo.fr";

	private static final Siren DEMO = new Siren("732829320");

	private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/collecte/[A-Za-z0-9_-]{43})");

	static final GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		greenMail.start();
	}

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("paraphe.mail.mode", () -> "smtp");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
	}

	@AfterAll
	static void stopSmtp() {
		greenMail.stop();
	}

	@Autowired
	fr.paraphe.signing.PersonalSignatures personal;

	@Autowired
	fr.paraphe.firm.internal.Members members;

	@AfterEach
	void withdrawThePrepareDelegation() {
		// The demo firm is shared with other tests: the collaborator leaves without the PREPARE granted here.
		FirmId firm = firms.findBySiren(DEMO).orElseThrow().id();
		users.findBySubject("demo-expert").ifPresent(expert -> members.members(firm, expert.id())
			.stream()
			.filter(member -> COLLABORATOR_EMAIL.equals(member.invitedAs()))
			.forEach(member -> firms.withdraw(firm, expert.id(), member.id(), fr.paraphe.firm.Delegation.PREPARE)));
	}

	@Test
	void aPreparedSequentialCollectionIsLaunchedSignedByTwoClientsAndTheOwnerAndCompletes() throws Exception {
		ChromeDriver owner = startBrowser();
		Browser.login(owner, port, "expert");
		owner.get(url("/cabinet"));
		if (owner.findElements(By.cssSelector("tr[data-member='" + COLLABORATOR_EMAIL + "']")).isEmpty()) {
			owner.findElement(By.id("identifiant")).sendKeys(COLLABORATOR_EMAIL);
			owner.findElement(By.id("add-collaborator")).click();
			// Added as a new person, or linked at once if Julien logged in before (the test database is shared by
			// the suite's classes, some of which log in as "collab").
			new WebDriverWait(owner, Duration.ofSeconds(20)).until(ExpectedConditions.or(
					ExpectedConditions.textToBePresentInElementLocated(By.id("flash-success"), "Le collaborateur a été ajouté"),
					ExpectedConditions.textToBePresentInElementLocated(By.id("flash-success"),
							"Julien Bernard a désormais accès")));
		}
		WebElement row = owner.findElement(By.cssSelector("tr[data-member='" + COLLABORATOR_EMAIL + "']"));
		new Select(row.findElement(By.name("delegation"))).selectByValue("PREPARE");
		row.findElement(By.className("grant-button")).click();
		waitForSuccess(owner, "La délégation a été accordée.");
		FirmId firm = firms.findBySiren(DEMO).orElseThrow().id();
		User expert = users.findBySubject("demo-expert").orElseThrow();
		terms.accept(expert.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		if (personal.certificateOf(expert.id()).isEmpty()) {
			ca.issue(new NaturalPerson(expert.id(), "Claire", "Martin", "IDCFR-COLLECTE-1", "FR"));
		}
		billing.credit(firm, expert.id(), Money.parse("30"));

		// The collaborator prepares the collection.
		ChromeDriver collaborator = startBrowser();
		Browser.login(collaborator, port, "collab");
		collaborator.findElement(By.id("nav-collections")).click();
		collaborator.findElement(By.id("new-collection")).click();
		Path pdf = Files.createTempFile("paraphe-lettre-", ".pdf");
		Files.write(pdf, TestSigner.document("Lettre de mission 2026", "Conditions générales"));
		String title = "Lettre de mission " + UUID.randomUUID().toString().substring(0, 8);
		String first = "client-" + UUID.randomUUID() + "@exemple.test";
		String second = "client-" + UUID.randomUUID() + "@exemple.test";
		String phone = "+3361" + (1_000_000 + (int) (Math.random() * 8_999_999));
		collaborator.findElement(By.id("files")).sendKeys(pdf.toAbsolutePath().toString());
		collaborator.findElement(By.id("title")).sendKeys(title);
		collaborator.findElement(By.id("message")).sendKeys("Bonjour,\nvoici votre lettre de mission.");
		new Select(collaborator.findElement(By.id("order"))).selectByValue("SEQUENTIAL");
		fillClient(collaborator, 1, "Mme", "Anne", "Lefèvre", first, "", "EMAIL");
		fillClient(collaborator, 2, "M.", "Bruno", "Garnier", second, phone, "SMS");
		new Select(collaborator.findElement(By.id("kind-3"))).selectByValue("MEMBER");
		new Select(collaborator.findElement(By.id("member-3"))).selectByValue(expert.id().value().toString());
		collaborator.findElement(By.id("create")).click();
		new WebDriverWait(collaborator, Duration.ofSeconds(20))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("signers")));
		String id = collaborator.getCurrentUrl().replaceAll(".*/collectes/", "");
		assertThat(collaborator.findElements(By.id("launch"))).as("launching needs LAUNCH").isEmpty();
		// The first client's signature goes on page 1 of the document (the placement page of /signer).
		collaborator.findElements(By.className("place-link")).get(0).click();
		new WebDriverWait(collaborator, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("signature-box")));
		collaborator.findElement(By.id("send-code")).click();
		waitForSuccess(collaborator, "Emplacement enregistré.");
		Browser.screenshot(collaborator, "collection-draft");

		// The owner reviews and launches it.
		owner.get(url("/collectes/" + id));
		owner.findElement(By.id("launch")).click();
		waitForSuccess(owner, "La collecte est lancée");
		assertThat(owner.findElement(By.id("status")).getText()).isEqualTo("En cours");

		// Each client signs from the link e-mailed to them, on a phone-sized screen.
		ChromeDriver anne = startBrowser();
		anne.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
		signFromMail(anne, first, () -> latestMailCode(first));
		Browser.screenshot(anne, "collection-signer-360");
		ChromeDriver bruno = startBrowser();
		signFromMail(bruno, second, () -> latestSmsCode(phone));

		// The owner, logged in, signs with their own certificate.
		signFromMail(owner, expert.email(), () -> latestMailCode(expert.email()));

		await().atMost(Duration.ofSeconds(60))
			.until(() -> collections.find(expert.id(), firm, UUID.fromString(id)).status() == CollectionStatus.COMPLETED);
		byte[] signed = collections.document(expert.id(), firm, UUID.fromString(id), 1).pdf();
		SimpleReport report = new CollectionFixture(port, notifications, ca).dss(signed);
		assertThat(report.getSignatureIdList()).hasSize(3);
		for (String signature : report.getSignatureIdList()) {
			assertThat(report.getIndication(signature)).as(signature).isEqualTo(Indication.TOTAL_PASSED);
			assertThat(report.getSignatureFormat(signature))
				.isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LTA);
		}
		String pdfsig = pdfsig(signed);
		assertThat(pdfsig.split("Signature is Valid\\.", -1)).hasSizeGreaterThanOrEqualTo(4);
		assertThat(pdfsig).doesNotContain("Digest Mismatch").doesNotContain("Signature is Invalid");
		// Every party is e-mailed a link to the signed documents.
		await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(first).stream()
			.anyMatch(message -> subject(message).startsWith("Documents signés")));
		Files.deleteIfExists(pdf);
	}

	private void signFromMail(ChromeDriver driver, String email, java.util.function.Supplier<String> code) {
		String path = await().atMost(Duration.ofSeconds(30)).until(() -> latestLink(email), link -> link != null);
		driver.get(url(path));
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("Cabinet");
		WebElement consent = driver.findElement(By.id("consent"));
		consent.click();
		driver.findElement(By.id("send-code")).click();
		new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
		String received = await().atMost(Duration.ofSeconds(30)).until(code::get, value -> value != null);
		driver.findElement(By.id("code")).sendKeys(received);
		driver.findElement(By.id("sign")).click();
		new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.or(
				ExpectedConditions.presenceOfElementLocated(By.id("flash-success")),
				ExpectedConditions.presenceOfElementLocated(By.id("flash-failure")),
				ExpectedConditions.titleContains("Erreur")));
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("Votre signature a bien été apposée");
	}

	private static void fillClient(ChromeDriver driver, int row, String civility, String given, String surname,
			String email, String phone, String channel) {
		new Select(driver.findElement(By.id("civility-" + row))).selectByValue(civility);
		driver.findElement(By.id("given-" + row)).sendKeys(given);
		driver.findElement(By.id("surname-" + row)).sendKeys(surname);
		driver.findElement(By.id("email-" + row)).sendKeys(email);
		driver.findElement(By.id("phone-" + row)).sendKeys(phone);
		new Select(driver.findElement(By.id("channel-" + row))).selectByValue(channel);
	}

	private static List<MimeMessage> mailsTo(String email) {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			try {
				if (Arrays.stream(message.getAllRecipients()).anyMatch(address -> address.toString().equals(email))) {
					found.add(message);
				}
			}
			catch (jakarta.mail.MessagingException unreadable) {
				throw new IllegalStateException(unreadable);
			}
		}
		return found;
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException unreadable) {
			throw new IllegalStateException(unreadable);
		}
	}

	/** The message's text parts, decoded (quoted-printable would cut a link at the end of a line). */
	private static String text(jakarta.mail.Part part) {
		try {
			Object content = part.getContent();
			if (content instanceof String text) {
				return text;
			}
			if (content instanceof jakarta.mail.Multipart multipart) {
				StringBuilder all = new StringBuilder();
				for (int i = 0; i < multipart.getCount(); i++) {
					all.append(text(multipart.getBodyPart(i))).append('\n');
				}
				return all.toString();
			}
			return "";
		}
		catch (java.io.IOException | jakarta.mail.MessagingException unreadable) {
			throw new IllegalStateException(unreadable);
		}
	}

	/** The path of the newest invitation link e-mailed to this address. */
	private static String latestLink(String email) {
		String link = null;
		for (MimeMessage message : mailsTo(email)) {
			Matcher matcher = LINK.matcher(text(message));
			if (matcher.find()) {
				link = matcher.group(1);
			}
		}
		return link;
	}

	private static String latestMailCode(String email) {
		String code = null;
		for (MimeMessage message : mailsTo(email)) {
			if (subject(message).startsWith("Votre code de signature")) {
				String found = CollectionFixture.codeIn(text(message));
				if (found != null) {
					code = found;
				}
			}
		}
		return code;
	}

	private String latestSmsCode(String phone) {
		return notifications.sentTo(phone)
			.stream()
			.filter(message -> "collection-code".equals(message.template()))
			.findFirst()
			.map(message -> CollectionFixture.codeIn(message.text()))
			.orElse(null);
	}

	private String pdfsig(byte[] pdf) throws Exception {
		return CollectionFixture.pdfsig(pdf, ca.authority(Authority.ROOT).encoded());
	}

	private static void waitForSuccess(ChromeDriver browser, String message) {
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash-success"), message));
	}

}
