package fr.paraphe.signing.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.signing.SealingTest;
import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.NaturalPerson;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.validation.internal.DssEngine;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The signing page: upload, placement, one-time code by e-mail, signed PDF that DSS passes. */
@ParapheIntegrationTest
class SigningPageIntegrationTests extends SealingTest {

	@Autowired
	CertificationAuthority ca;

	@Autowired
	Notifications notifications;

	@Test
	void aUserWithACertificateSignsWithTheCodeSentByEmail() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		FirmId firm = demoFirm();
		User owner = users.findById(firms.ownersOf(firm).get(0)).orElseThrow();
		assertThat(owner.email()).isNotBlank();
		ca.issue(new NaturalPerson(owner.id(), "Expert", "Démo", "IDCFR-PAGE-" + UUID.randomUUID().toString().substring(0, 8), "FR"));
		billing.credit(firm, owner.id(), Money.parse("20"));

		assertThat(Jsoup.parse(expert.get("/signer").body()).select("#sign-form")).isNotEmpty();
		// Signing opens only once the CGU in force are accepted: a new version was just published.
		terms.publish("CGU, version de test " + UUID.randomUUID(), users.recordLogin(new fr.paraphe.identity.SsoProfile(
				"cgu-admin-" + UUID.randomUUID(), "Admin CGU", null, fr.paraphe.identity.Role.PLATFORM_ADMIN, null, null)).id());
		HttpResponse<String> beforeTerms = upload(expert, TestSigner.document("Avant les CGU"));
		assertThat(beforeTerms.statusCode()).isEqualTo(403);
		// The CGU page comes back to the signing page once they are accepted (issue 14, bug 7).
		assertThat(Jsoup.parse(beforeTerms.body()).select("#error-link").attr("href")).isEqualTo("/cgu?retour=%2Fsigner");
		acceptTerms(owner);

		HttpResponse<String> uploaded = upload(expert, TestSigner.document("Lettre de mission"), "reason",
				"Lu et approuvé");
		assertThat(uploaded.statusCode()).isEqualTo(200);
		assertThat(uploaded.uri().getPath()).matches("/signer/[0-9a-f-]{36}/emplacement");
		String path = uploaded.uri().getPath().replace("/emplacement", "");
		var placement = Jsoup.parse(uploaded.body());
		assertThat(placement.select("#place-form")).isNotEmpty();
		assertThat(placement.select("#page-preview").attr("data-page-width")).isEqualTo("595");
		// No code before the signature is placed; confirming is refused.
		int mails = notifications.sentTo(owner.email()).size();
		assertThat(Jsoup.parse(post(expert, path + "/confirmation", "code=123456").body()).select("#place-form"))
			.isNotEmpty();

		// A picture of the page to place the signature on; none for a page the PDF does not have.
		HttpResponse<byte[]> picture = expert.getBytes(placement.select("#page-image").attr("src"));
		assertThat(picture.statusCode()).isEqualTo(200);
		assertThat(picture.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
		java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(picture.body()));
		assertThat(image.getWidth()).isEqualTo(800);
		assertThat(image.getHeight()).isBetween(1130, 1133);
		assertThat(expert.getBytes(path + "/pages/2.png").statusCode()).isEqualTo(404);
		assertThat(new DemoLogin(port).loginAs("collab").getBytes(path + "/pages/1.png").statusCode()).isEqualTo(404);

		// A box that leaves the page is refused with the reason, on the placement page.
		HttpResponse<String> outside = post(expert, path + "/emplacement",
				"visible=true&page=1&x=500&y=80&width=220&height=70");
		assertThat(outside.uri().getPath()).isEqualTo(path + "/emplacement");
		assertThat(Jsoup.parse(outside.body()).select("#flash-failure").text()).contains("hors de la page");
		assertThat(notifications.sentTo(owner.email())).hasSize(mails);

		HttpResponse<String> prepared = post(expert, path + "/emplacement",
				"visible=true&page=1&x=300&y=80&width=220&height=70");
		assertThat(prepared.statusCode()).isEqualTo(200);
		assertThat(prepared.uri().getPath()).isEqualTo(path);
		assertThat(Jsoup.parse(prepared.body()).select("#confirm-form")).isNotEmpty();
		assertThat(notifications.sentTo(owner.email())).hasSize(mails + 1);

		String text = notifications.sentTo(owner.email()).get(0).text();
		Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
		assertThat(code.find()).isTrue();
		String wrong = code.group(1).equals("000000") ? "111111" : "000000";
		HttpResponse<String> refused = post(expert, path + "/confirmation", "code=" + wrong);
		assertThat(Jsoup.parse(refused.body()).select("#flash-failure").text()).contains("incorrect");

		// "Recevoir un nouveau code" (issue 14, bug 7): a new code by e-mail, the page says so; it signs.
		assertThat(Jsoup.parse(refused.body()).select("#new-code-form button").text()).isEqualTo("Recevoir un nouveau code");
		HttpResponse<String> renewed = post(expert, path + "/code", "x=1");
		assertThat(renewed.uri().getPath()).isEqualTo(path);
		assertThat(Jsoup.parse(renewed.body()).select("#flash-success").text()).contains("nouveau code");
		assertThat(notifications.sentTo(owner.email())).hasSize(mails + 2);
		code = Pattern.compile("\\b(\\d{6})\\b").matcher(notifications.sentTo(owner.email()).get(0).text());
		assertThat(code.find()).isTrue();

		HttpResponse<String> signed = post(expert, path + "/confirmation", "code=" + code.group(1));
		assertThat(Jsoup.parse(signed.body()).select("#download")).isNotEmpty();
		HttpResponse<byte[]> pdf = expert.getBytes(path + "/document.pdf");
		assertThat(pdf.statusCode()).isEqualTo(200);
		PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf.body(), "signed.pdf"));
		validator.setCertificateVerifier(DssEngine.verifier(List.of(ca.authority(Authority.ROOT).certificate()), null));
		validator.setLocale(Locale.ENGLISH);
		SimpleReport report = validator.validateDocument(policy()).getSimpleReport();
		assertThat(report.getSignatureIdList()).hasSize(1);
		assertThat(report.getIndication(report.getSignatureIdList().get(0))).isEqualTo(Indication.TOTAL_PASSED);

		assertThat(new DemoLogin(port).loginAs("collab").get(path).statusCode()).isEqualTo(404);
	}

	@Test
	void requestsOlderThanTheRetentionPeriodAreDeleted(@Autowired fr.paraphe.signing.PersonalSignatures signatures,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		new DemoLogin(port).loginAs("expert");
		FirmId firm = demoFirm();
		User owner = users.findById(firms.ownersOf(firm).get(0)).orElseThrow();
		ca.issue(new NaturalPerson(owner.id(), "Expert", "Démo", "IDCFR-PURGE-" + UUID.randomUUID().toString().substring(0, 8), "FR"));
		terms.current().ifPresent(current -> terms.accept(owner.id(), current.number(), "127.0.0.1"));
		UUID old = signatures.upload(owner, "ancien.pdf", TestSigner.document("Ancien"), fr.paraphe.pades.SignatureLevel.B_B, null);
		UUID recent = signatures.upload(owner, "recent.pdf", TestSigner.document("Récent"), fr.paraphe.pades.SignatureLevel.B_B, null);
		jdbc.sql("UPDATE signing_request SET created_at = ? WHERE id = ?")
			.params(java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(8))), old)
			.update();

		assertThat(signatures.purge()).isGreaterThanOrEqualTo(1);

		assertThat(signatures.find(owner.id(), old)).isEmpty();
		assertThat(signatures.find(owner.id(), recent)).isPresent();
	}

	private static ValidationPolicy policy() throws Exception {
		try (var in = DssEngine.class.getResourceAsStream(DssEngine.STRICT_POLICY)) {
			return ValidationPolicyLoader.fromValidationPolicy(in).create();
		}
	}

	private static HttpResponse<String> upload(DemoLogin browser, byte[] pdf, String... fields) throws Exception {
		String boundary = "----paraphe" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i < fields.length; i += 2) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
					+ fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lettre.pdf\""
				+ "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(pdf);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return browser.send(HttpRequest.newBuilder(URI.create(browser.url("/signer")))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-CSRF-TOKEN", browser.csrfToken())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private static HttpResponse<String> post(DemoLogin browser, String path, String form) {
		return browser.send(HttpRequest.newBuilder(URI.create(browser.url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + browser.csrfToken())));
	}

}
