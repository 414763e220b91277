package fr.paraphe.collection;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.SignerOptions;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Users;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.signing.ApiKeys;
import fr.paraphe.validation.TestSigner;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multipart limits on collections: 50 MB per part, a total that lets a collection have several large PDFs
 * (more than the 51 MB of the other forms), and a body of thousands of tiny parts refused as the client's error
 * (400/413, problem details on the API, a French page elsewhere), never a 500.
 */
@ParapheIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CollectionMultipartLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	ApiKeys apiKeys;

	@Autowired
	Notifications notifications;

	@Autowired
	CertificationAuthority ca;

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	fr.paraphe.terms.Terms terms;

	@Autowired
	fr.paraphe.billing.Billing billing;

	private String key() {
		return CollectionFixture.newFirm(users, firms, apiKeys, terms, billing, "Cabinet Limites").key();
	}

	/** A multipart body of {@code count} tiny fields, then {@code tail}. */
	private static byte[] manyParts(String boundary, int count, String csrf) {
		StringBuilder body = new StringBuilder();
		if (csrf != null) {
			body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n")
				.append(csrf).append("\r\n");
		}
		for (int i = 0; i < count; i++) {
			body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"f").append(i)
				.append("\"\r\n\r\nx\r\n");
		}
		body.append("--").append(boundary).append("--\r\n");
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void fiveThousandTinyPartsOnTheApiAreProblemDetailsNotA500(CapturedOutput log) throws Exception {
		String boundary = "----paraphe" + UUID.randomUUID();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/api/v1/collections"))
			.header("Authorization", "Bearer " + key())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(manyParts(boundary, 5000, null)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isIn(400, 413);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(log.getOut() + log.getErr()).doesNotContain("Servlet.service()");
	}

	@Test
	void fiveThousandTinyPartsOnThePreparationFormGetTheFrenchPage(CapturedOutput log) throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		expert.get("/collectes/nouvelle");
		String boundary = "----paraphe" + UUID.randomUUID();
		HttpResponse<String> response = expert.send(HttpRequest.newBuilder(URI.create(expert.url("/collectes")))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArray(manyParts(boundary, 5000, expert.csrfToken()))));
		assertThat(response.statusCode()).as(response.body()).isIn(400, 413);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(response.body()).doesNotContain("HTTP Status").contains("lang=\"fr\"");
		assertThat(log.getOut() + log.getErr()).doesNotContain("Servlet.service()");
	}

	/** A valid PDF of about {@code megabytes} MB (an incompressible stream no page uses). */
	private static byte[] largePdf(int megabytes) throws Exception {
		try (PDDocument document = Loader.loadPDF(TestSigner.document("Liasse fiscale"))) {
			byte[] padding = new byte[megabytes << 20];
			new java.util.Random(megabytes).nextBytes(padding);
			PDStream stream = new PDStream(document);
			try (var out = stream.createOutputStream()) {
				out.write(padding);
			}
			document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("PieceInfo"), stream.getCOSObject());
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out, CompressParameters.NO_COMPRESSION);
			return out.toByteArray();
		}
	}

	@Test
	void twoPdfsOfThirtyMegabytesMakeOneCollection() throws Exception {
		CollectionFixture fixture = new CollectionFixture(port, notifications, ca);
		String json = "{\"title\":\"Comptes annuels\",\"order\":\"PARALLEL\",\"signers\":[{\"givenName\":\"Anne\","
				+ "\"surname\":\"Un\",\"email\":\"limits-" + UUID.randomUUID() + "@exemple.test\"}]}";
		HttpResponse<String> created = fixture.create(key(), json, null, largePdf(30), largePdf(30));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	@Autowired
	Collections collections;

	/** The preparation form's options of a signer, as the preparer fills them, reach the draft. */
	@Test
	void thePreparationFormSetsASignersOptions() throws Exception {
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		expert.get("/collectes/nouvelle");
		String boundary = "----paraphe" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String[][] fields = { { "_csrf", expert.csrfToken() }, { "title", "Mandat SEPA" }, { "order", "PARALLEL" },
				{ "signer1.kind", "CLIENT" }, { "signer1.givenName", "Claire" }, { "signer1.surname", "Martin" },
				{ "signer1.email", "form-" + UUID.randomUUID() + "@exemple.test" }, { "signer1.channel", "EMAIL" },
				{ "signer1.initials", "true" }, { "signer1.mention", "Lu et approuvé" },
				{ "signer1.placeAndDate", "true" },
				{ "signer1.attachments", "Pièce d’identité : PDF, JPEG, PNG\r\nRIB : pdf" } };
		for (String[] field : fields) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
					+ field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"mandat.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(TestSigner.document("Mandat"));
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = expert.send(HttpRequest.newBuilder(URI.create(expert.url("/collectes")))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
		java.util.regex.Matcher created = java.util.regex.Pattern.compile("/collectes/([0-9a-f-]{36})")
			.matcher(response.uri().getPath() + " " + response.body());
		assertThat(created.find()).as(response.body()).isTrue();
		SignerOptions options = collections.optionsOf(UUID.fromString(created.group(1))).values().iterator().next();
		assertThat(options.initials()).isTrue();
		assertThat(options.placeAndDate()).isTrue();
		assertThat(options.mention()).isEqualTo("Lu et approuvé");
		assertThat(options.attachments()).extracting(SignerOptions.AttachmentRequest::label)
			.containsExactly("Pièce d’identité", "RIB");
		assertThat(options.attachments().get(1).types()).containsExactly(SignerOptions.FileType.PDF);
	}

}
