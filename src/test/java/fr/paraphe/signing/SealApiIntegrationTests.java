package fr.paraphe.signing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.billing.Billing;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.validation.TestSigner;
import fr.paraphe.signing.internal.ApiKeyRing;
import fr.paraphe.validation.internal.DssEngine;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code POST /api/v1/seals} with a firm API key: authentication, payment, input errors, and a valid seal. */
@ParapheIntegrationTest
class SealApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	Billing billing;

	@Autowired
	FirmSeals seals;

	@Autowired
	ApiKeyRing apiKeys;

	@Autowired
	SealChecks checks;

	@Autowired
	fr.paraphe.terms.Terms terms;

	@Autowired
	CertificationAuthority ca;

	@Autowired
	fr.paraphe.audit.AuditTrail audit;

	private final HttpClient http = HttpClient.newHttpClient();

	private User owner;

	private FirmId firm;

	private String key;

	@BeforeEach
	void aFirmWithASealAndAKey() {
		owner = users.recordLogin(new SsoProfile("seal-owner-" + UUID.randomUUID(), "Sébastien Scellé", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Scellé"));
		firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		new CheckedSeals(firms, users, checks).issue(owner, firm);
		key = apiKeys.create(owner.id(), firm, "Logiciel de production").secret();
		terms.accept(owner.id(), terms.current().orElseThrow().number(), "127.0.0.1");
	}

	@Test
	void sealingWaitsForTheCguInForceToBeAccepted() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("20"));
		terms.publish("CGU, version de test " + UUID.randomUUID(), administrator());

		HttpResponse<byte[]> refused = post(key, "lettre.pdf", TestSigner.document("Avant les CGU"));
		assertProblem(refused, 403);
		assertThat(new String(refused.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("/cgu");
		assertThat(billing.balance(firm, owner.id())).isEqualTo(Money.parse("20"));

		terms.accept(owner.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		assertThat(post(key, "lettre.pdf", TestSigner.document("Après les CGU")).statusCode()).isEqualTo(200);
	}

	private fr.paraphe.shared.UserId administrator() {
		return users.recordLogin(new SsoProfile("cgu-admin-" + UUID.randomUUID(), "Admin CGU", null, Role.PLATFORM_ADMIN,
				null, null)).id();
	}

	@Test
	void sealsWithTheFirmsSealAtBLtAndDebitsTheFirm() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("20"));
		Money before = billing.balance(firm, owner.id());
		HttpResponse<byte[]> response = post(key, "lettre.pdf", TestSigner.document("Lettre de mission"),
				"visible", "true", "reason", "Cachet du cabinet", "certify", "true");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
		assertThat(billing.balance(firm, owner.id())).isLessThan(before);
		SimpleReport report = dss(response.body());
		assertThat(report.getSignatureIdList()).hasSize(1);
		String id = report.getSignatureIdList().get(0);
		assertThat(report.getIndication(id)).isEqualTo(Indication.TOTAL_PASSED);
		assertThat(report.getSignatureFormat(id)).isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT);
		try (org.apache.pdfbox.pdmodel.PDDocument sealed = org.apache.pdfbox.Loader.loadPDF(response.body())) {
			assertThat(sealed.getDocumentCatalog().getCOSObject().getCOSDictionary(org.apache.pdfbox.cos.COSName.PERMS))
				.as("DocMDP certification").isNotNull();
		}
		await().atMost(java.time.Duration.ofSeconds(10))
			.until(() -> audit.forFirm(firm, 50).stream().anyMatch(entry -> entry.action().equals("signing.document.sealed")));
		assertThat(audit.forFirm(firm, 50)).extracting(fr.paraphe.audit.AuditEntry::action)
			.contains("signing.document.sealed", "signing.apikey.created");
		String siren = firms.firm(firm, owner.id()).siren().value();
		assertThat(seals.current(firms.firm(firm, owner.id()).siren()).orElseThrow().subject())
			.contains("NTRFR-" + siren);
	}

	@Test
	void aCollaboratorWithoutTheSealDelegationCannotSeal() {
		User collaborator = users.recordLogin(new SsoProfile("seal-collab-" + UUID.randomUUID(), "Colette Collab", null,
				Role.COLLABORATEUR, firms.firm(firm, owner.id()).siren(), "Cabinet Scellé", List.of()));
		billing.credit(firm, owner.id(), Money.parse("20"));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> seals.seal(firm, collaborator.id(),
				TestSigner.document("Refusé"), SignatureParameters.invisible(SignatureLevel.B_B, null, null)))
			.isInstanceOfSatisfying(fr.paraphe.shared.ProblemException.class,
					problem -> assertThat(problem.getStatusCode().value()).isIn(403, 404));
	}

	@Test
	void refusesWithoutAValidKey() throws Exception {
		byte[] pdf = TestSigner.document("Sans clé");
		assertProblem(post(null, "a.pdf", pdf), 401);
		assertProblem(post("pph_nope", "a.pdf", pdf), 401);
		UUID id = apiKeys.list(owner.id(), firm).get(0).id();
		apiKeys.revoke(owner.id(), firm, id);
		assertProblem(post(key, "a.pdf", pdf), 401);
	}

	@Test
	void aShortBalanceLeavesTheDocumentUnsealed() throws Exception {
		assertProblem(post(key, "a.pdf", TestSigner.document("Impayé")), 402);
	}

	@Test
	void refusesWhatIsNotAPdf() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("20"));
		assertProblem(post(key, "note.txt", "Bonjour".getBytes(StandardCharsets.UTF_8)), 415);
		assertProblem(post(key, "a.pdf", TestSigner.document("Niveau"), "level", "B-XL"), 400);
	}

	@Test
	void aSealedDocumentIsExtendedToBLtaForTheArchive() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("20"));
		byte[] sealed = post(key, "facture.pdf", TestSigner.document("Facture"), "level", "B-B").body();
		Money balance = billing.balance(firm, owner.id());

		HttpResponse<byte[]> extended = postTo("/api/v1/extensions", key, "facture-cachete.pdf", sealed);

		assertThat(extended.statusCode()).isEqualTo(200);
		assertThat(extended.headers().firstValue("Content-Disposition").orElseThrow()).contains("facture-cachete-b-lta.pdf");
		assertThat(billing.balance(firm, owner.id())).as("an extension is not charged").isEqualTo(balance);
		// The original bytes are untouched: the extension only appends incremental updates.
		assertThat(java.util.Arrays.copyOf(extended.body(), sealed.length)).isEqualTo(sealed);
		SimpleReport report = dss(extended.body());
		assertThat(report.getSignatureIdList()).hasSize(1);
		String id = report.getSignatureIdList().get(0);
		assertThat(report.getIndication(id)).isEqualTo(Indication.TOTAL_PASSED);
		assertThat(report.getSignatureFormat(id)).isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LTA);

		assertProblem(postTo("/api/v1/extensions", key, "a.pdf", TestSigner.document("Jamais signé")), 400);
		assertProblem(postTo("/api/v1/extensions", key, "a.pdf", sealed, "level", "B-B"), 400);
		assertProblem(postTo("/api/v1/extensions", key, "a.txt", "Bonjour".getBytes(StandardCharsets.UTF_8)), 415);
		assertProblem(postTo("/api/v1/extensions", null, "a.pdf", sealed), 401);
		// A signature from another CA: its revocation data is not fetched, so no level is claimed for it.
		fr.paraphe.validation.TestPki other = fr.paraphe.validation.TestPki.shared();
		byte[] foreign = TestSigner.sign(TestSigner.document("Signé ailleurs"), other.issue("Alice Ailleurs", "Ailleurs SA"),
				TestSigner.Options.approval(other.crl()));
		HttpResponse<byte[]> refused = postTo("/api/v1/extensions", key, "ailleurs.pdf", foreign);
		assertProblem(refused, 422);
		assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("autre autorité");
	}

	/** EU DSS's verdict, offline, with only the Paraphe root trusted. */
	private SimpleReport dss(byte[] pdf) throws Exception {
		return dss(ca, pdf);
	}

	/** EU DSS's verdict on {@code pdf}, offline, with only the root of {@code ca} trusted. */
	static SimpleReport dss(CertificationAuthority ca, byte[] pdf) throws Exception {
		PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf, "document.pdf"));
		validator.setCertificateVerifier(DssEngine.verifier(List.of(ca.authority(Authority.ROOT).certificate()), null));
		validator.setLocale(Locale.ENGLISH);
		try (java.io.InputStream policy = DssEngine.class.getResourceAsStream(DssEngine.STRICT_POLICY)) {
			return validator.validateDocument(
					eu.europa.esig.dss.validation.policy.ValidationPolicyLoader.fromValidationPolicy(policy).create())
				.getSimpleReport();
		}
	}

	private static void assertProblem(HttpResponse<byte[]> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void aRenamedFirmsSealShowsTheCertifiedNameOnce() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("5"));
		fr.paraphe.firm.Firm before = firms.firm(firm, owner.id());
		firms.updateDetails(firm, owner.id(), new fr.paraphe.firm.FirmDetails("Direction générale des Finances publiques",
				"75-0099999", "3 place du Bilan", "69002", "Lyon"));

		HttpResponse<byte[]> response = post(key, "lettre.pdf", TestSigner.document("Renommé"), "visible", "true",
				"reason", "Cachet du cabinet");

		assertThat(response.statusCode()).isEqualTo(200);
		try (org.apache.pdfbox.pdmodel.PDDocument sealed = org.apache.pdfbox.Loader.loadPDF(response.body())) {
			org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature signature = sealed.getLastSignatureDictionary();
			assertThat(signature.getName()).isEqualTo(before.name());
			String shown = appearanceText(sealed);
			assertThat(shown).contains("Signé électroniquement par", before.name(), "Motif : Cachet du cabinet")
				.doesNotContain("Finances");
			assertThat(shown.split(java.util.regex.Pattern.quote(before.name()), -1)).as("the name once").hasSize(2);
		}
	}

	@Test
	void aReasonIsAShortLineOfText() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("5"));
		Money before = billing.balance(firm, owner.id());

		assertProblem(post(key, "a.pdf", TestSigner.document("Long"), "reason", "x".repeat(201)), 400);
		assertProblem(post(key, "a.pdf", TestSigner.document("Bidi"), "reason", "Accord \u202Efdp.exe"), 400);
		assertProblem(post(key, "a.pdf", TestSigner.document("CRLF"), "reason", "Accord\r\nBcc: x@evil.example"), 400);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before);
		assertThat(post(key, "a.pdf", TestSigner.document("NFD"), "reason", "Mode\u0300le").statusCode()).isEqualTo(200);
	}

	@Test
	void anApiKeysLabelFollowsTheSharedRuleForTexts() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> apiKeys.create(owner.id(), firm, "Paie \u202Eexe.fdp"))
			.isInstanceOf(fr.paraphe.shared.ProblemException.class);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> apiKeys.create(owner.id(), firm, "x".repeat(101)))
			.isInstanceOf(fr.paraphe.shared.ProblemException.class);
		assertThat(apiKeys.create(owner.id(), firm, "  Logiciel   de paie ").key().label()).isEqualTo("Logiciel de paie");
	}

	/** The text drawn by the signature widget's normal appearance (PDFBox's text extraction, through its forms). */
	private static String appearanceText(org.apache.pdfbox.pdmodel.PDDocument document) throws Exception {
		org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField field = document.getSignatureFields()
			.get(document.getSignatureFields().size() - 1);
		org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream appearance = field.getWidgets()
			.get(0)
			.getNormalAppearanceStream();
		try (org.apache.pdfbox.pdmodel.PDDocument holder = new org.apache.pdfbox.pdmodel.PDDocument()) {
			org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage(
					new org.apache.pdfbox.pdmodel.common.PDRectangle(2000, 2000));
			holder.addPage(page);
			org.apache.pdfbox.pdmodel.PDResources resources = new org.apache.pdfbox.pdmodel.PDResources();
			resources.put(org.apache.pdfbox.cos.COSName.getPDFName("AP"),
					new org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject(appearance.getCOSObject()));
			page.setResources(resources);
			try (org.apache.pdfbox.pdmodel.PDPageContentStream content = new org.apache.pdfbox.pdmodel.PDPageContentStream(holder, page)) {
				content.drawForm(new org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject(appearance.getCOSObject()));
			}
			return new org.apache.pdfbox.text.PDFTextStripper().getText(holder);
		}
	}

	@Test
	void anHtmlPdfPolyglotIsRefused() throws Exception {
		billing.credit(firm, owner.id(), Money.parse("5"));
		Money before = billing.balance(firm, owner.id());
		byte[] pdf = TestSigner.document("Polyglotte");
		byte[] html = "<html><body><script>alert(1)</script></body></html>\n".getBytes(StandardCharsets.US_ASCII);
		byte[] polyglot = new byte[html.length + pdf.length];
		System.arraycopy(html, 0, polyglot, 0, html.length);
		System.arraycopy(pdf, 0, polyglot, html.length, pdf.length);

		assertProblem(post(key, "polyglotte.pdf", polyglot), 415);
		assertThat(billing.balance(firm, owner.id())).isEqualTo(before);
	}

	@Test
	void malformedMultipartIsA400ProblemNotA500() throws Exception {
		String boundary = "----paraphe" + UUID.randomUUID();
		byte[] unclosed = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n%PDF-1.7 no closing boundary").getBytes(StandardCharsets.UTF_8);
		HttpResponse<byte[]> noClosing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/seals"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Authorization", "Bearer " + key)
			.POST(HttpRequest.BodyPublishers.ofByteArray(unclosed))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertProblem(noClosing, 400);

		HttpResponse<byte[]> noBoundary = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/seals"))
			.header("Content-Type", "multipart/form-data")
			.header("Authorization", "Bearer " + key)
			.POST(HttpRequest.BodyPublishers.ofByteArray(unclosed))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertProblem(noBoundary, 400);
	}

	private HttpResponse<byte[]> post(String apiKey, String fileName, byte[] content, String... fields)
			throws Exception {
		return postTo("/api/v1/seals", apiKey, fileName, content, fields);
	}

	private HttpResponse<byte[]> postTo(String path, String apiKey, String fileName, byte[] content, String... fields)
			throws Exception {
		String boundary = "----paraphe" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i < fields.length; i += 2) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
					+ fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(content);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		if (apiKey != null) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
