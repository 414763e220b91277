import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collections load generator of docs/benchmarks-collections.md: end-to-end signature collections against the
 * running server on loopback, as a firm's software and its clients would drive them.
 * <p>
 * For each collection: {@code POST /api/v1/collections} (one PDF, N client signers, all together, codes by e-mail),
 * {@code POST …/launch}; then each signer, in parallel: waits for the invitation e-mail, opens the personal link,
 * ticks the consent (the one-time code is sent), reads the code from its e-mail and signs. The e-mails arrive over
 * real SMTP at the small SMTP server this program runs (the application runs with {@code paraphe.mail.mode=smtp}
 * pointed at it). The collection is done when the completion e-mail of every signer has arrived.
 * <p>
 * Prints collections completed per minute and the time of each step (median, 95th percentile, max), so that one sees
 * where the time goes. JDK only:
 * {@code java bench/CollectionLoad.java PORT SMTP_PORT API_KEY PDF COLLECTIONS SIGNERS PARALLEL_COLLECTIONS}.
 */
public class CollectionLoad {

	static final Pattern LINK = Pattern.compile("/collecte/([A-Za-z0-9_-]{20,})");

	static final Pattern CODE = Pattern.compile("(?m)^\\s*(\\d{6})\\s*$");

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

	/** Mails per recipient address, in arrival order, with the time they arrived. */
	static final List<String> SURNAMES = List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
			"Durand", "Leroy", "Moreau");

	static final Map<String, BlockingQueue<Mail>> MAILBOXES = new ConcurrentHashMap<>();

	static final Map<String, List<Long>> STEPS = new ConcurrentHashMap<>();

	record Mail(long arrivedNanos, String text) {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		int smtpPort = Integer.parseInt(args[1]);
		String key = args[2];
		byte[] pdf = Files.readAllBytes(Path.of(args[3]));
		int collections = Integer.parseInt(args[4]);
		int signers = Integer.parseInt(args[5]);
		int parallel = Integer.parseInt(args[6]);
		String base = "http://127.0.0.1:" + port;

		ServerSocket smtp = new ServerSocket(smtpPort, 200, java.net.InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> acceptMail(smtp), "smtp");
		acceptor.setDaemon(true);
		acceptor.start();

		ExecutorService collectionPool = Executors.newFixedThreadPool(parallel);
		ExecutorService signerPool = Executors.newCachedThreadPool();
		String run = UUID.randomUUID().toString().substring(0, 8);
		long start = System.nanoTime();
		List<Future<Boolean>> results = new ArrayList<>();
		for (int c = 0; c < collections; c++) {
			int number = c;
			results.add(collectionPool.submit(() -> collection(base, key, pdf, run, number, signers, signerPool)));
		}
		int completed = 0;
		for (Future<Boolean> result : results) {
			try {
				completed += result.get() ? 1 : 0;
			}
			catch (Exception e) {
				System.err.println("collection failed: " + e.getCause());
			}
		}
		double minutes = (System.nanoTime() - start) / 60e9;
		collectionPool.shutdownNow();
		signerPool.shutdownNow();
		System.out.printf(Locale.ROOT, "collections=%d completed=%d signers_each=%d parallel=%d wall_s=%.1f%n",
				collections, completed, signers, parallel, minutes * 60);
		System.out.printf(Locale.ROOT, "collections_per_minute=%.2f signatures_per_minute=%.1f%n",
				completed / minutes, completed * signers / minutes);
		System.out.println("step                                   n   median_ms   p95_ms   max_ms");
		for (String step : List.of("1 create (API, multipart)", "2 launch (API, reserve)", "3 invitation e-mail (from launch)",
				"4 open the link (page)", "5 consent, code sent (page)", "6 code e-mail (from consent)",
				"7 sign (page, B-LT)", "8 last signature asked -> COMPLETED", "9 last signature asked -> e-mails",
				"  whole collection")) {
			List<Long> values = STEPS.getOrDefault(step, List.of());
			if (values.isEmpty()) {
				continue;
			}
			List<Long> sorted = new ArrayList<>(values);
			Collections.sort(sorted);
			System.out.printf(Locale.ROOT, "%-36s %4d %10.0f %8.0f %8.0f%n", step, sorted.size(),
					sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.min(sorted.size() - 1,
							Math.ceil(sorted.size() * 0.95) - 1)) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
		}
		smtp.close();
		System.exit(completed == collections ? 0 : 1);
	}

	static boolean collection(String base, String key, byte[] pdf, String run, int number, int signers,
			ExecutorService signerPool) throws Exception {
		long begin = System.nanoTime();
		HttpClient api = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();
		List<String> addresses = new ArrayList<>();
		StringBuilder json = new StringBuilder("{\"title\":\"Lettre de mission ").append(number)
			.append("\",\"message\":\"Bonjour, voici votre lettre de mission.\",\"order\":\"PARALLEL\",\"signers\":[");
		for (int s = 0; s < signers; s++) {
			String address = "c" + number + "s" + s + "-" + run + "@bench.example";
			addresses.add(address);
			MAILBOXES.put(address, new LinkedBlockingQueue<>());
			json.append(s == 0 ? "" : ",")
				.append("{\"kind\":\"CLIENT\",\"civility\":\"Mme\",\"givenName\":\"Claire\",\"surname\":\"")
				.append(SURNAMES.get(s % SURNAMES.size()))
				.append("\",\"email\":\"")
				.append(address)
				.append("\",\"channel\":\"EMAIL\",\"places\":[{\"document\":1,\"page\":1,\"x\":")
				.append(36 + (s % 3) * 180)
				.append(",\"y\":")
				.append(36 + (s / 3) * 80)
				.append(",\"width\":170,\"height\":60}]}");
		}
		json.append("]}");
		String boundary = "bench" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"collection\"\r\n"
				+ "Content-Type: application/json\r\n\r\n" + json + "\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"lettre.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(pdf);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		long t = System.nanoTime();
		HttpResponse<String> created = api.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/collections"))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
		record("1 create (API, multipart)", t);
		expect(created, 201);
		Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(created.body());
		if (!id.find()) {
			throw new IllegalStateException("no id in " + created.body());
		}
		String collection = id.group(1);
		t = System.nanoTime();
		long launchedAt = t;
		HttpResponse<String> launched = api.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/collections/"
				+ collection + "/launch"))
			.header("Authorization", "Bearer " + key)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		record("2 launch (API, reserve)", t);
		expect(launched, 200);

		List<Future<Long>> signed = new ArrayList<>();
		for (String address : addresses) {
			signed.add(signerPool.submit(() -> sign(base, address, launchedAt)));
		}
		long lastSignature = 0;
		for (Future<Long> done : signed) {
			lastSignature = Math.max(lastSignature, done.get(10, TimeUnit.MINUTES));
		}
		while (true) {
			HttpResponse<String> state = api.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/collections/"
					+ collection)).header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
			expect(state, 200);
			if (state.body().contains("\"status\":\"COMPLETED\"")) {
				add("8 last signature asked -> COMPLETED", System.nanoTime() - lastSignature);
				break;
			}
			if (System.nanoTime() - lastSignature > TimeUnit.MINUTES.toNanos(5)) {
				throw new IllegalStateException("collection " + collection + " not completed: " + state.body());
			}
			Thread.sleep(50);
		}
		long delivered = 0;
		for (String address : addresses) {
			delivered = Math.max(delivered, await(address, "Tous les signataires").arrivedNanos());
		}
		add("9 last signature asked -> e-mails", delivered - lastSignature);
		record("  whole collection", begin);
		return true;
	}

	/** One signer's steps; returns when their signature was asked for. */
	static long sign(String base, String address, long launchedAt) throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(java.time.Duration.ofSeconds(10))
			.build();
		Mail invitation = await(address, "/collecte/");
		add("3 invitation e-mail (from launch)", invitation.arrivedNanos() - launchedAt);
		Matcher link = LINK.matcher(invitation.text());
		if (!link.find()) {
			throw new IllegalStateException("no link in " + invitation.text());
		}
		String page = base + "/collecte/" + link.group(1);
		long t = System.nanoTime();
		HttpResponse<String> opened = browser.send(HttpRequest.newBuilder(URI.create(page)).build(),
				HttpResponse.BodyHandlers.ofString());
		record("4 open the link (page)", t);
		expect(opened, 200);
		t = System.nanoTime();
		HttpResponse<String> consented = post(browser, page + "/code", "consent=true&_csrf=" + csrf(opened.body()));
		long consentedAt = t;
		record("5 consent, code sent (page)", t);
		expect(consented, 200);
		Mail codeMail = await(address, "code qui confirme");
		add("6 code e-mail (from consent)", codeMail.arrivedNanos() - consentedAt);
		Matcher code = CODE.matcher(codeMail.text());
		if (!code.find()) {
			throw new IllegalStateException("no code in " + codeMail.text());
		}
		t = System.nanoTime();
		HttpResponse<String> signed = post(browser, page + "/signature",
				"code=" + code.group(1) + "&_csrf=" + csrf(consented.body()));
		record("7 sign (page, B-LT)", t);
		expect(signed, 200);
		return t;
	}

	static Mail await(String address, String containing) throws InterruptedException {
		BlockingQueue<Mail> box = MAILBOXES.get(address);
		long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		List<Mail> other = new ArrayList<>();
		try {
			while (System.nanoTime() < until) {
				Mail mail = box.poll(1, TimeUnit.SECONDS);
				if (mail != null) {
					if (mail.text().contains(containing)) {
						return mail;
					}
					other.add(mail);
				}
			}
		}
		finally {
			box.addAll(other);
		}
		throw new IllegalStateException("no mail with '" + containing + "' for " + address);
	}

	static HttpResponse<String> post(HttpClient client, String url, String form) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String csrf(String html) {
		Matcher m = CSRF.matcher(html);
		if (!m.find()) {
			throw new IllegalStateException("no CSRF token in the page");
		}
		return URLEncoder.encode(m.group(1) != null ? m.group(1) : m.group(2), StandardCharsets.UTF_8);
	}

	static void expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
					+ response.statusCode() + ": " + response.body().substring(0, Math.min(500, response.body().length())));
		}
	}

	static void record(String step, long since) {
		add(step, System.nanoTime() - since);
	}

	static void add(String step, long nanos) {
		STEPS.computeIfAbsent(step, k -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
	}

	// A small SMTP server: enough of RFC 5321 for JavaMail (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).

	static void acceptMail(ServerSocket server) {
		ExecutorService sessions = Executors.newCachedThreadPool();
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				sessions.submit(() -> session(socket));
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	static void session(Socket socket) {
		try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
				StandardCharsets.ISO_8859_1)); OutputStream out = socket.getOutputStream()) {
			reply(out, "220 bench SMTP");
			List<String> recipients = new ArrayList<>();
			String line;
			while ((line = in.readLine()) != null) {
				String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
				switch (verb) {
					case "EHLO" -> reply(out, "250-bench\r\n250 8BITMIME");
					case "HELO", "NOOP" -> reply(out, "250 OK");
					case "MAIL" -> {
						recipients.clear();
						reply(out, "250 OK");
					}
					case "RCPT" -> {
						Matcher address = Pattern.compile("<([^>]+)>").matcher(line);
						if (address.find()) {
							recipients.add(address.group(1).toLowerCase(Locale.ROOT));
						}
						reply(out, "250 OK");
					}
					case "DATA" -> {
						reply(out, "354 End with .");
						StringBuilder data = new StringBuilder();
						while ((line = in.readLine()) != null && !line.equals(".")) {
							data.append(line.startsWith("..") ? line.substring(1) : line).append("\n");
						}
						long now = System.nanoTime();
						String text = decode(data.toString());
						for (String recipient : recipients) {
							MAILBOXES.computeIfAbsent(recipient, k -> new LinkedBlockingQueue<>()).add(new Mail(now, text));
						}
						reply(out, "250 OK");
					}
					case "RSET" -> {
						recipients.clear();
						reply(out, "250 OK");
					}
					case "QUIT" -> {
						reply(out, "221 Bye");
						return;
					}
					default -> reply(out, "502 Not implemented");
				}
			}
		}
		catch (IOException ignored) {
			// the client hung up
		}
	}

	static void reply(OutputStream out, String line) throws IOException {
		out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	/** The message's text parts decoded (base64 or quoted-printable), one after another. */
	static String decode(String raw) {
		StringBuilder text = new StringBuilder();
		for (String part : raw.split("\n--")) {
			int blank = part.indexOf("\n\n");
			if (blank < 0) {
				continue;
			}
			String headers = part.substring(0, blank).toLowerCase(Locale.ROOT);
			String body = part.substring(blank + 2);
			if (!headers.contains("text/plain")) {
				continue;
			}
			if (headers.contains("base64")) {
				text.append(new String(Base64.getMimeDecoder().decode(body.replaceAll("[^A-Za-z0-9+/=]", "")),
						StandardCharsets.UTF_8));
			}
			else if (headers.contains("quoted-printable")) {
				text.append(quotedPrintable(body));
			}
			else {
				text.append(new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
			}
		}
		return text.toString();
	}

	static String quotedPrintable(String body) {
		String joined = body.replace("=\n", "");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < joined.length(); i++) {
			char c = joined.charAt(i);
			if (c == '=' && i + 2 < joined.length()) {
				bytes.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				bytes.write(c);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
