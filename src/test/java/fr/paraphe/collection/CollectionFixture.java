package fr.paraphe.collection;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.notification.Message;
import fr.paraphe.notification.Notifications;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.validation.internal.DssEngine;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.simplereport.SimpleReport;

/** What the collections' tests share: the API over HTTP, the signers' links and codes from the outboxes, DSS. */
final class CollectionFixture {

	private static final Pattern LINK = Pattern.compile("/collecte/([A-Za-z0-9_-]{43})");

	/**
	 * The one-time code: alone on its line in the e-mail, after "est" in the SMS. Not just any six digits: the e-mail
	 * quotes the collection's title, which may hold some (a title ending in "672475b7" once gave a wrong code).
	 */
	private static final Pattern CODE = Pattern.compile("(?m)(?:^\\s*|code de signature est )([0-9]{6})(?![0-9])");

	private final int port;

	private final Notifications notifications;

	private final CertificationAuthority ca;

	private final HttpClient http = HttpClient.newHttpClient();

	CollectionFixture(int port, Notifications notifications, CertificationAuthority ca) {
		this.port = port;
		this.notifications = notifications;
		this.ca = ca;
	}

	/** {@code POST /api/v1/collections}: {@code files} then the {@code collection} JSON. */
	HttpResponse<String> create(String apiKey, String json, String idempotencyKey, byte[]... pdfs) throws Exception {
		String boundary = "----paraphe" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i < pdfs.length; i++) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"document-" + (i + 1)
					+ ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.write(pdfs[i]);
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		if (json != null) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"collection\"\r\n"
					+ "Content-Type: application/json\r\n\r\n" + json + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder request = api("/api/v1/collections", apiKey)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A multipart POST: {@code files}, then text fields. */
	HttpResponse<String> multipart(String path, String apiKey, java.util.Map<String, String> fields, byte[]... pdfs)
			throws Exception {
		return multipartFiles(path, apiKey, fields, java.util.Map.of(), pdfs);
	}

	/** A multipart POST: named files ({@code csv}, {@code zip}), {@code files} PDFs, then text fields. */
	HttpResponse<String> multipartFiles(String path, String apiKey, java.util.Map<String, String> fields,
			java.util.Map<String, byte[]> named, byte[]... pdfs) throws Exception {
		String boundary = "----paraphe" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (var file : named.entrySet()) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
					+ file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.write(file.getValue());
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		for (int i = 0; i < pdfs.length; i++) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"document-" + (i + 1)
					+ ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.write(pdfs[i]);
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		for (var field : (fields == null ? java.util.Map.<String, String>of() : fields).entrySet()) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n"
					+ "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return http.send(api(path, apiKey).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Any method, with an optional JSON body. */
	HttpResponse<String> send(String method, String path, String apiKey, String json) throws Exception {
		return http.send(api(path, apiKey).header("Content-Type", "application/json")
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, String apiKey, String idempotencyKey, String json) throws Exception {
		HttpRequest.Builder request = api(path, apiKey).header("Content-Type", "application/json")
			.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<byte[]> get(String path, String apiKey, String accept) throws Exception {
		HttpRequest.Builder request = api(path, apiKey).GET();
		if (accept != null) {
			request.header("Accept", accept);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpRequest.Builder api(String path, String apiKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (apiKey != null) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		return request;
	}

	/** The token of the newest link sent to this address (e-mail or phone). */
	String latestToken(String recipient) {
		for (Message message : notifications.sentTo(recipient)) {
			Matcher link = LINK.matcher(message.text());
			if (link.find()) {
				return link.group(1);
			}
		}
		throw new AssertionError("No link sent to " + recipient);
	}

	/** How many messages with a link went to this address. */
	long links(String recipient) {
		return notifications.sentTo(recipient).stream().filter(message -> LINK.matcher(message.text()).find()).count();
	}

	/** The newest one-time code sent to this address (e-mail or SMS). */
	String latestCode(String recipient) {
		for (Message message : notifications.sentTo(recipient)) {
			if ("collection-code".equals(message.template())) {
				String code = codeIn(message.text());
				if (code != null) {
					return code;
				}
			}
		}
		throw new AssertionError("No code sent to " + recipient);
	}

	/** The one-time code in an e-mail's or SMS's text, or null. */
	static String codeIn(String text) {
		Matcher code = CODE.matcher(text);
		return code.find() ? code.group(1) : null;
	}

	/** DSS with only our root trusted, under the strict policy. */
	SimpleReport dss(byte[] pdf) throws Exception {
		PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf, "document.pdf"));
		validator.setCertificateVerifier(DssEngine.verifier(List.of(ca.authority(Authority.ROOT).certificate()), null));
		validator.setLocale(Locale.ENGLISH);
		try (java.io.InputStream policy = DssEngine.class.getResourceAsStream(DssEngine.STRICT_POLICY)) {
			return validator.validateDocument(
					eu.europa.esig.dss.validation.policy.ValidationPolicyLoader.fromValidationPolicy(policy).create())
				.getSimpleReport();
		}
	}

	/** A new firm: its owner (terms accepted), an API key of the owner's, and 50 € of credit. */
	/** A firm made for one test: its owner, its id and SIREN, and the secret of its API key. */
	record NewFirm(fr.paraphe.identity.User owner, fr.paraphe.shared.FirmId id, fr.paraphe.shared.Siren siren, String key) {
	}

	/** A new firm named {@code name}: an owner who accepted the CGU, an API key, and 50 € on its account. */
	static NewFirm newFirm(fr.paraphe.identity.Users users, fr.paraphe.firm.Firms firms, fr.paraphe.signing.ApiKeys apiKeys,
			fr.paraphe.terms.Terms terms, fr.paraphe.billing.Billing billing, String name) {
		return newFirm(users, firms, apiKeys, terms, billing, name, fr.paraphe.shared.Money.parse("50"));
	}

	/** As {@link #newFirm(fr.paraphe.identity.Users, fr.paraphe.firm.Firms, fr.paraphe.signing.ApiKeys,
	 * fr.paraphe.terms.Terms, fr.paraphe.billing.Billing, String)} with {@code funds} on its account (none if zero). */
	static NewFirm newFirm(fr.paraphe.identity.Users users, fr.paraphe.firm.Firms firms, fr.paraphe.signing.ApiKeys apiKeys,
			fr.paraphe.terms.Terms terms, fr.paraphe.billing.Billing billing, String name, fr.paraphe.shared.Money funds) {
		fr.paraphe.shared.Siren siren = fr.paraphe.TestSirens.random();
		fr.paraphe.identity.User owner = users.recordLogin(new fr.paraphe.identity.SsoProfile("owner-" + UUID.randomUUID(),
				"Odile Expert", "odile-" + UUID.randomUUID() + "@cabinet.test", fr.paraphe.identity.Role.EXPERT_COMPTABLE,
				siren, name));
		fr.paraphe.shared.FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		String key = apiKeys.create(owner.id(), firm, "Logiciel").secret();
		terms.accept(owner.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		if (!funds.equals(fr.paraphe.shared.Money.ZERO)) {
			billing.credit(firm, owner.id(), funds);
		}
		return new NewFirm(owner, firm, siren, key);
	}

	/** What pdfsig (poppler) says of {@code pdf}, with only {@code rootDer} trusted. */
	static String pdfsig(byte[] pdf, byte[] rootDer) throws Exception {
		java.nio.file.Path pdfsig = fr.paraphe.ExternalTools.require("pdfsig", "poppler-utils");
		java.nio.file.Path certutil = fr.paraphe.ExternalTools.require("certutil", "libnss3-tools");
		java.nio.file.Path temp = java.nio.file.Files.createTempDirectory("paraphe-pdfsig");
		java.nio.file.Path nss = java.nio.file.Files.createDirectories(temp.resolve("nss"));
		java.nio.file.Path root = temp.resolve("root.crt");
		java.nio.file.Files.write(root, rootDer);
		run(certutil.toString(), "-N", "-d", "sql:" + nss, "--empty-password");
		run(certutil.toString(), "-A", "-d", "sql:" + nss, "-n", "root", "-t", "C,C,C", "-i", root.toString());
		java.nio.file.Path file = temp.resolve("signed.pdf");
		java.nio.file.Files.write(file, pdf);
		return run(pdfsig.toString(), "-nssdir", "sql:" + nss, file.toString());
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("Timed out: " + String.join(" ", command));
		}
		return output;
	}

	/** A signer's browser without JavaScript: cookies kept, forms posted with their CSRF token. */
	final class SignerBrowser {

		private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		private String csrf;

		HttpResponse<String> open(String path) throws Exception {
			HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
			if (token.find()) {
				csrf = token.group(1);
			}
			return page;
		}

		/** Posts a form; follows the redirect back to the page. */
		HttpResponse<String> submit(String path, String... fields) throws Exception {
			StringBuilder form = new StringBuilder("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
			for (int i = 0; i < fields.length; i += 2) {
				form.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
			}
			HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (posted.statusCode() == 302) {
				return open(URI.create(posted.headers().firstValue("Location").orElseThrow()).getPath());
			}
			return posted;
		}

	}

}
