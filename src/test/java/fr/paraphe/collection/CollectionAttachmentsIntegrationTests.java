package fr.paraphe.collection;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.collection.internal.Attachments;
import fr.paraphe.collection.internal.CollectionJobs;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.SignerDesk;
import fr.paraphe.shared.Money;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;
import fr.paraphe.validation.TestSigner;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pièces justificatives from the signer's page (a browser without JavaScript): hostile uploads refused with a French
 * message (a program renamed .pdf, too large, two files for one document, a document not asked), "Signer" refused
 * while one is missing; what was provided is listed in the evidence trail with its SHA-256, downloadable by the
 * firm only, and deleted by the documents' retention purge. The page shows the boxes and the mention's field.
 */
@ParapheIntegrationTest
class CollectionAttachmentsIntegrationTests extends CollectionTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	Attachments attachments;

	@Autowired
	CollectionJobs jobs;

	@Autowired
	fr.paraphe.evidence.EvidenceTrails trails;

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private String csrf;

	CollectionAttachmentsIntegrationTests() {
		super("Cabinet Pièces", Money.parse("50"));
	}

	@Test
	void aSignerProvidesTheDocumentsAskedAndOnlyTheFirmGetsThem() throws Exception {
		String address = "pieces-" + UUID.randomUUID() + "@exemple.test";
		String other = "pieces-" + UUID.randomUUID() + "@exemple.test";
		String body = "{\"title\":\"Mandat SEPA\",\"order\":\"PARALLEL\",\"signers\":["
				+ "{\"givenName\":\"Claire\",\"surname\":\"Martin\",\"email\":\"" + address + "\",\"places\":"
				+ "[{\"document\":1,\"page\":1,\"x\":300,\"y\":60,\"width\":220,\"height\":90}],\"options\":"
				+ "{\"mention\":\"Bon pour accord\",\"initials\":true,\"attachments\":[{\"label\":\"Pièce d’identité\","
				+ "\"types\":[\"PDF\",\"JPEG\",\"PNG\"]},{\"label\":\"RIB\",\"types\":[\"PDF\"]}]}},"
				+ "{\"givenName\":\"Paul\",\"surname\":\"Durand\",\"email\":\"" + other + "\"}]}";
		HttpResponse<String> created = fixture.create(key, body, null, TestSigner.document("Mandat"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = json.readTree(created.body()).get("id").asString();
		assertThat(fixture.post("/api/v1/collections/" + id + "/launch", key, null, null).statusCode()).isEqualTo(200);
		String token = fixture.latestToken(address);

		String page = open("/collecte/" + token);
		assertThat(page).contains("Pièces à fournir", "Pièce d’identité (PDF, JPEG, PNG)", "RIB (PDF)",
				"class=\"signature-box\"", "class=\"initials-box\"", "Vos initiales seront apposées");

		// Hostile uploads: each one refused with a French message, nothing kept.
		byte[] program = ("MZ\u0090\u0000 This program cannot be run in DOS mode").getBytes(StandardCharsets.ISO_8859_1);
		assertThat(upload(token, 1, file("carte.pdf", "application/pdf", program)))
			.contains("n’est pas d’un type accepté pour cette pièce");
		byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0 };
		assertThat(upload(token, 2, file("rib.pdf", "application/pdf", jpeg)))
			.as("a JPEG named .pdf for a PDF-only document").contains("n’est pas d’un type accepté");
		byte[] large = new byte[(int) attachments.maxBytes() + 1];
		System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, large, 0, 9);
		assertThat(upload(token, 2, file("rib.pdf", "application/pdf", large))).contains("Fichier trop volumineux");
		byte[] pdf = TestSigner.document("RIB de Claire Martin");
		assertThat(upload(token, 2, file("rib.pdf", "application/pdf", pdf), file("rib2.pdf", "application/pdf", pdf)))
			.contains("Déposez un seul fichier par pièce");
		HttpResponse<String> notAsked = uploadResponse(token, 3, file("x.pdf", "application/pdf", pdf));
		assertThat(notAsked.statusCode()).isEqualTo(404);
		assertThat(attachments.of(owner.id(), firm, UUID.fromString(id))).isEmpty();

		// "Signer" is refused while a document is missing.
		submit("/collecte/" + token + "/code", "consent", "true");
		assertThat(submit("/collecte/" + token + "/signature", "code", fixture.latestCode(address), "mention",
				"bon pour accord")).contains("Déposez d’abord la pièce demandée : Pièce d’identité");

		assertThat(upload(token, 1, file("carte.png", "image/png", png()))).contains("Votre pièce a bien été déposée",
				"Déposé : carte.png");
		assertThat(upload(token, 2, file("rib.pdf", "application/pdf", pdf))).contains("Déposé : rib.pdf");
		assertThat(upload(token, 2, file("rib-nouveau.pdf", "application/pdf", pdf))).contains("Déposé : rib-nouveau.pdf");
		assertThat(submit("/collecte/" + token + "/code", "consent", "true"))
			.as("a second code within the minute: a French message, never an error page").contains("réessayez dans");
		assertThat(submit("/collecte/" + token + "/signature", "code", fixture.latestCode(address), "mention",
				"Bon pour accord")).contains("Votre signature a bien été apposée");

		// The firm gets them (the newest RIB only); the trail has their SHA-256.
		var given = attachments.of(owner.id(), firm, UUID.fromString(id));
		assertThat(given).extracting(Attachments.Attachment::label).containsExactlyInAnyOrder("Pièce d’identité", "RIB");
		assertThat(given).extracting(Attachments.Attachment::fileName).contains("rib-nouveau.pdf");
		Attachments.Attachment rib = given.stream().filter(a -> a.label().equals("RIB")).findFirst().orElseThrow();
		assertThat(attachments.download(owner.id(), firm, UUID.fromString(id), rib.id()).content()).isEqualTo(pdf);
		assertThat(rib.sha256()).isEqualTo(fr.paraphe.shared.Sha256.hex(pdf));
		String trail = new String(trails.json(UUID.fromString(id)), StandardCharsets.UTF_8);
		assertThat(trail).contains("signer.attachment", rib.sha256(), fr.paraphe.shared.Sha256.hex(png()));
		// Another signer's link has no way to them.
		String otherToken = fixture.latestToken(other);
		assertThat(open("/collecte/" + otherToken)).doesNotContain("rib-nouveau.pdf", "Pièces à fournir");
		assertThat(client.send(HttpRequest.newBuilder(URI.create(local("/collecte/" + otherToken + "/pieces/2"))).GET().build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(404, 405);
		// Another firm's member cannot download them.
		User stranger = users.recordLogin(new SsoProfile("pieces-other-" + UUID.randomUUID(), "Autre Expert", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Autre Cabinet"));
		FirmId strangerFirm = firms.membershipOf(stranger.id()).orElseThrow().firm();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> attachments.download(stranger.id(), strangerFirm,
				UUID.fromString(id), rib.id())).isInstanceOf(fr.paraphe.shared.ProblemException.class);

		// The second signer signs; retention deletes the files with the documents, the hashes stay.
		desk(otherToken, other);
		jobs.purge(Instant.now().plus(Duration.ofDays(31)));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> attachments.download(owner.id(), firm,
				UUID.fromString(id), rib.id())).hasMessageContaining("collection.error.noDocument");
		assertThat(attachments.of(owner.id(), firm, UUID.fromString(id))).hasSize(2);
	}

	@Autowired
	SignerDesk signerDesk;

	private void desk(String token, String address) {
		signerDesk.sendCode(token, true, null, Collections.Origin.SERVER);
		signerDesk.sign(token, fixture.latestCode(address), null, Collections.Origin.SERVER);
	}

	private static byte[] png() throws Exception {
		java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private record Part(String name, String type, byte[] content) {
	}

	private static Part file(String name, String type, byte[] content) {
		return new Part(name, type, content);
	}

	private String local(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	private String open(String path) throws Exception {
		HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(local(path))).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher token = CSRF.matcher(page.body());
		if (token.find()) {
			csrf = token.group(1);
		}
		return page.body();
	}

	private String submit(String path, String... fields) throws Exception {
		StringBuilder form = new StringBuilder("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
		for (int i = 0; i < fields.length; i += 2) {
			form.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
		}
		return follow(client.send(HttpRequest.newBuilder(URI.create(local(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
			.build(), HttpResponse.BodyHandlers.ofString())).body();
	}

	private String upload(String token, int number, Part... parts) throws Exception {
		HttpResponse<String> response = uploadResponse(token, number, parts);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> uploadResponse(String token, int number, Part... parts) throws Exception {
		String boundary = "----paraphe" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
			.getBytes(StandardCharsets.UTF_8));
		for (Part part : parts) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + part.name()
					+ "\"\r\nContent-Type: " + part.type() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.write(part.content());
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return follow(client.send(HttpRequest.newBuilder(URI.create(local("/collecte/" + token + "/pieces/" + number)))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString()));
	}

	private HttpResponse<String> follow(HttpResponse<String> posted) throws Exception {
		if (posted.statusCode() == 302) {
			String location = URI.create(posted.headers().firstValue("Location").orElseThrow()).getPath();
			HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(local(location))).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher token = CSRF.matcher(page.body());
			if (token.find()) {
				csrf = token.group(1);
			}
			return page;
		}
		return posted;
	}

}
