package fr.paraphe.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import fr.paraphe.billing.Billing;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.Money;
import fr.paraphe.TestSirens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;

/**
 * A firm's software calling the bulk sealing API over real HTTP, for the tests: a firm with its seal, a key and
 * the CGU accepted, multipart posts of PDFs or a ZIP, polling a job to its end, reading its result ZIP. Public for
 * the webhook module's test of {@code seal_job.completed}.
 */
public final class SealJobClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	public final User owner;

	public final FirmId firm;

	public final String key;

	private SealJobClient(int port, User owner, FirmId firm, String key) {
		this.port = port;
		this.owner = owner;
		this.firm = firm;
		this.key = key;
	}

	/** A new firm with a valid seal, an API key, the CGU accepted and {@code credit} on its account. */
	public static SealJobClient newFirm(ApplicationContext context, int port, Money credit) {
		Users users = context.getBean(Users.class);
		Firms firms = context.getBean(Firms.class);
		User owner = users.recordLogin(new SsoProfile("job-owner-" + UUID.randomUUID(), "Josiane Lot", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Lot"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		new CheckedSeals(firms, users, context.getBean(SealChecks.class)).issue(owner, firm);
		String key = context.getBean(ApiKeys.class).create(owner.id(), firm, "Logiciel de paie").secret();
		fr.paraphe.terms.Terms terms = context.getBean(fr.paraphe.terms.Terms.class);
		terms.accept(owner.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		if (credit.isPositive()) {
			context.getBean(Billing.class).credit(firm, owner.id(), credit);
		}
		return new SealJobClient(port, owner, firm, key);
	}

	/** The firm's ledger added up (credits and releases less debits and reservations), in cents: its balance. */
	static long ledgerCents(org.springframework.jdbc.core.simple.JdbcClient database, UUID firm) {
		return database.sql("""
				SELECT COALESCE(SUM(CASE WHEN kind IN ('CREDIT', 'RELEASE') THEN amount_cents
				  WHEN kind IN ('DEBIT', 'RESERVATION') THEN -amount_cents ELSE 0 END), 0)
				FROM billing_entry WHERE firm_id = ?""")
			.param(firm)
			.query(Long.class)
			.single();
	}

	/** The same firm and key, calling another node. */
	SealJobClient on(int otherPort) {
		return new SealJobClient(otherPort, owner, firm, key);
	}

	/** Posts PDFs as parts {@code files}, with form fields (name, value, …) and headers (name, value, …). */
	public HttpResponse<byte[]> submit(Map<String, byte[]> files, List<String> fields, String... headers) throws Exception {
		String boundary = "----paraphe" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int i = 0; i < fields.size(); i += 2) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields.get(i) + "\"\r\n\r\n"
					+ fields.get(i + 1) + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
					+ file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.write(file.getValue());
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder request = HttpRequest.newBuilder(url("/api/v1/seal-jobs"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Authorization", "Bearer " + key)
			.timeout(Duration.ofMinutes(5))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpResponse<byte[]> get(String path, String apiKey) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
		if (apiKey != null) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	JsonNode status(String location) throws Exception {
		HttpResponse<byte[]> response = get(location, key);
		if (response.statusCode() != 200) {
			throw new AssertionError(response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
		}
		return JSON.readTree(response.body());
	}

	/** Polls the job until it is COMPLETED (or the time is up). */
	public JsonNode awaitCompleted(String location, Duration atMost) throws Exception {
		return awaitCompleted(location, atMost, Duration.ofMillis(200));
	}

	/** As {@link #awaitCompleted(String, Duration)}, polling every {@code interval}. */
	public JsonNode awaitCompleted(String location, Duration atMost, Duration interval) throws Exception {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (true) {
			JsonNode status = status(location);
			if ("COMPLETED".equals(status.get("status").asString()) || System.nanoTime() > deadline) {
				return status;
			}
			Thread.sleep(interval.toMillis());
		}
	}

	/** The result ZIP's entries, by name, in order. */
	Map<String, byte[]> result(String location) throws Exception {
		HttpResponse<byte[]> response = get(location + "/result.zip", key);
		if (response.statusCode() != 200) {
			throw new AssertionError(response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
		}
		return unzip(response.body());
	}

	static Map<String, byte[]> unzip(byte[] zip) throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

	/** A ZIP of these entries, written as given (names unchecked, for hostile ZIPs). */
	static byte[] zip(Map<String, byte[]> entries) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

	/** A one-page PDF with one line of text, as bench/one-page-pdf.py writes it (about 600 bytes). */
	static byte[] onePage(String text) {
		String content = "BT /F1 14 Tf 72 700 Td (" + text + ") Tj ET";
		String[] objects = { "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
				"<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
				"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" };
		StringBuilder out = new StringBuilder("%PDF-1.7\n");
		int[] offsets = new int[objects.length];
		for (int i = 0; i < objects.length; i++) {
			offsets[i] = out.length();
			out.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
		}
		int xref = out.length();
		out.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
		for (int offset : offsets) {
			out.append(String.format("%010d 00000 n \n", offset));
		}
		out.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
			.append("\n%EOF\n");
		return out.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
