import java.io.IOException;
import java.io.PrintWriter;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of bench/chaos.sh, JDK only: {@code java bench/ChaosLoad.java load|check ...}.
 * <p>
 * {@code load PROXY SECONDS THREADS OUT NODE_URL...}: for SECONDS, THREADS workers send through the proxy (HAProxy
 * in front of the nodes) a mix of seals with and without Idempotency-Key (some retried with the same key),
 * validations, page views of logged-in members, refused requests (unknown API key, another firm's seal id, a page the
 * collaborator may not see, a malformed level) and credits (some posted twice with the same form). Logins go to one
 * node directly (the demonstration identity provider keeps its authorization codes in the node's memory: it stands in
 * for Comptexpert, which is outside the cluster); the session they open is then used through the proxy. Writes
 * {@code OUT/seals.tsv} (kind, status, document id, SHA-256 of the answer, Idempotency-Key), {@code OUT/sessions.tsv}
 * and {@code OUT/statuses.txt}.
 * <p>
 * {@code check PROXY OUT}: fetches every sealed document again by its id ({@code GET /api/v1/seals/{id}}) and compares
 * it with the answer the load received, checks that replays named the same id, and that every session opened during
 * the load is still logged in. Prints {@code name|value|expected|ok} lines for the script's table.
 */
public class ChaosLoad {

	static final String KEY = System.getenv("PARAPHE_DEMO_API_KEY");

	static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	public static void main(String[] args) throws Exception {
		if (args[0].equals("load")) {
			List<String> nodes = List.of(args).subList(5, args.length);
			new ChaosLoad(args[1], Path.of(args[4]), nodes).load(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
		}
		else {
			System.exit(new ChaosLoad(args[1], Path.of(args[2]), List.of()).check() ? 0 : 1);
		}
	}

	final String proxy;

	final Path out;

	final List<String> nodes;

	final byte[] pdf;

	final List<String> sealLines = new CopyOnWriteArrayList<>();

	final List<Session> sessions = new CopyOnWriteArrayList<>();

	final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();

	volatile byte[] sealedSample;

	/**
	 * Every 5xx answer and every exchange that broke (no answer), for the script to tell what caused it: start and
	 * end (epoch milliseconds), what was sent, the status or exception, and who answered (the node named by HAProxy's
	 * X-Node header, {@code proxy} for an answer HAProxy made itself, the node's address for a login).
	 */
	final List<String> failureLines = new CopyOnWriteArrayList<>();

	/** What the worker thread is sending, and since when: a broken exchange is counted under it. */
	final ThreadLocal<String> doing = new ThreadLocal<>();

	final ThreadLocal<Long> since = new ThreadLocal<>();

	record Session(String user, String cookie) {
	}

	ChaosLoad(String proxy, Path out, List<String> nodes) throws IOException {
		this.proxy = proxy;
		this.out = out;
		this.nodes = nodes;
		this.pdf = Files.exists(out.resolve("doc.pdf")) ? Files.readAllBytes(out.resolve("doc.pdf")) : null;
	}

	void load(int seconds, int threads) throws Exception {
		for (String user : List.of("expert", "collab", "expert", "collab")) {
			login(user);
		}
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				while (System.nanoTime() < end) {
					try {
						step();
					}
					catch (Exception failure) {
						String what = doing.get() == null ? "exception" : doing.get();
						count(what + " " + failure.getClass().getSimpleName());
						failed(what, failure.getClass().getSimpleName(), "-");
					}
					doing.remove();
				}
			});
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		Files.write(out.resolve("seals.tsv"), sealLines);
		Files.write(out.resolve("failures.tsv"), failureLines);
		Files.write(out.resolve("sessions.tsv"), sessions.stream().map(s -> s.user + "\t" + s.cookie).toList());
		try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("statuses.txt")))) {
			new TreeMap<>(statuses).forEach((what, n) -> writer.printf("%-40s %6d%n", what, n.get()));
		}
	}

	void step() throws Exception {
		int dice = ThreadLocalRandom.current().nextInt(100);
		if (dice < 30) {
			String key = "chaos-" + UUID.randomUUID();
			seal("with-key", key);
			if (dice < 8) {
				seal("replay", key);
			}
		}
		else if (dice < 60) {
			seal("no-key", null);
		}
		else if (dice < 68) {
			validate();
		}
		else if (dice < 82) {
			page();
		}
		else if (dice < 94) {
			refused(dice);
		}
		else if (dice < 98) {
			credit();
		}
		else {
			login(dice % 2 == 0 ? "expert" : "collab");
		}
	}

	void seal(String kind, String idempotencyKey) throws Exception {
		HttpRequest.Builder request = multipart(proxy + "/api/v1/seals", pdf, "B-B").header("Authorization",
				"Bearer " + KEY);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		sending("seal " + kind);
		HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		count("seal " + kind, response);
		String id = response.headers().firstValue("Paraphe-Seal-Id").orElse("-");
		sealLines.add(String.join("\t", kind, String.valueOf(response.statusCode()), id,
				response.statusCode() == 200 ? sha256(response.body()) : "-", idempotencyKey == null ? "-" : idempotencyKey));
		if (response.statusCode() == 200) {
			sealedSample = response.body();
		}
	}

	void validate() throws Exception {
		byte[] sample = sealedSample == null ? pdf : sealedSample;
		sending("validation");
		HttpResponse<byte[]> response = HTTP.send(multipart(proxy + "/api/v1/validations", sample, null).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		count("validation", response);
	}

	void page() throws Exception {
		if (sessions.isEmpty()) {
			return;
		}
		Session session = sessions.get(ThreadLocalRandom.current().nextInt(sessions.size()));
		String path = session.user.equals("expert") ? "/cabinet/compte" : "/signer";
		sending("page " + session.user);
		count("page " + session.user, get(path, session));
	}

	void refused(int dice) throws Exception {
		HttpResponse<byte[]> response;
		String what;
		switch (dice % 4) {
			case 0 -> {
				what = "unknown-key";
				sending("refused " + what);
				response = HTTP.send(multipart(proxy + "/api/v1/seals", pdf, "B-B").header("Authorization", "Bearer pph_nope")
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			case 1 -> {
				what = "unknown-seal-id";
				sending("refused " + what);
				response = HTTP.send(HttpRequest.newBuilder(URI.create(proxy + "/api/v1/seals/" + UUID.randomUUID()))
					.timeout(Duration.ofSeconds(60))
					.header("Authorization", "Bearer " + KEY)
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			case 2 -> {
				what = "bad-level";
				sending("refused " + what);
				response = HTTP.send(multipart(proxy + "/api/v1/seals", pdf, "B-XL").header("Authorization", "Bearer " + KEY)
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			default -> {
				what = "collab-account-page";
				Session collab = sessions.stream().filter(s -> s.user.equals("collab")).findAny().orElse(null);
				if (collab == null) {
					return;
				}
				sending("refused " + what);
				response = get("/cabinet/compte", collab);
			}
		}
		count("refused " + what, response);
	}

	void credit() throws Exception {
		Session expert = sessions.stream().filter(s -> s.user.equals("expert")).findAny().orElse(null);
		if (expert == null) {
			return;
		}
		sending("credit form");
		HttpResponse<byte[]> account = get("/cabinet/compte", expert);
		String html = new String(account.body(), StandardCharsets.UTF_8);
		Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(html);
		Matcher form = Pattern.compile("name=\"formulaire\"[^>]*value=\"([^\"]+)\"").matcher(html);
		if (account.statusCode() != 200 || !csrf.find()) {
			count("credit form", account);
			return;
		}
		String body = "montant=10&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
				+ (form.find() ? "&formulaire=" + URLEncoder.encode(form.group(1), StandardCharsets.UTF_8) : "");
		int posts = ThreadLocalRandom.current().nextInt(4) == 0 ? 2 : 1;
		for (int i = 0; i < posts; i++) {
			sending("credit post " + (i + 1));
			HttpResponse<byte[]> credited = HTTP.send(HttpRequest.newBuilder(URI.create(proxy + "/cabinet/compte/credit"))
				.timeout(Duration.ofSeconds(60))
				.header("Cookie", "PARAPHE_SESSION=" + expert.cookie)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			count("credit post " + (i + 1), credited);
		}
	}

	/** Logs in through one node's demonstration provider, then keeps the session cookie for the proxy. */
	void login(String user) {
		String node = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
		String answeredBy = "node" + nodes.indexOf(node);
		long started = System.currentTimeMillis();
		try {
			CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
			HttpClient client = HttpClient.newBuilder()
				.cookieHandler(cookies)
				.followRedirects(HttpClient.Redirect.NORMAL)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(node + "/oauth2/authorization/comptexpert"))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"").matcher(form.body());
			if (!csrf.find()) {
				count("login form " + form.statusCode());
				return;
			}
			URI loginUri = form.uri();
			HttpResponse<String> home = client.send(HttpRequest.newBuilder(loginUri)
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf="
						+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
			// The application's session cookie (the provider, on 127.0.0.1, has its own).
			String session = cookies.getCookieStore()
				.get(URI.create(node))
				.stream()
				.filter(cookie -> cookie.getName().equals("PARAPHE_SESSION"))
				.map(HttpCookie::getValue)
				.reduce((first, last) -> last)
				.orElse(null);
			// Back on the login page (/connexion?erreur=...): the application refused or failed the login.
			boolean back = home.uri().getPath().startsWith("/idp") || home.uri().getPath().startsWith("/connexion");
			boolean in = home.statusCode() == 200 && session != null && !back;
			count("login " + user + " " + (in ? "ok" : "failed " + home.statusCode() + (back ? " " + home.uri().getPath() : "")));
			if (home.statusCode() >= 500) {
				failureLines.add(String.join("\t", String.valueOf(started), String.valueOf(System.currentTimeMillis()),
						"login " + user, String.valueOf(home.statusCode()), answeredBy));
			}
			if (in) {
				sessions.add(new Session(user, session));
			}
		}
		catch (Exception failure) {
			count("login " + user + " failed " + failure.getClass().getSimpleName());
			failureLines.add(String.join("\t", String.valueOf(started), String.valueOf(System.currentTimeMillis()),
					"login " + user, failure.getClass().getSimpleName(), answeredBy));
		}
	}

	boolean check() throws Exception {
		List<String> lines = Files.readAllLines(out.resolve("seals.tsv"));
		int sealed = 0;
		int fetched = 0;
		Map<String, String> idOfKey = new TreeMap<>();
		int replaysOther = 0;
		for (String line : lines) {
			String[] f = line.split("\t");
			if (!f[1].equals("200")) {
				continue;
			}
			if (!f[4].equals("-")) {
				String first = idOfKey.putIfAbsent(f[4], f[2]);
				if (first != null && !first.equals(f[2])) {
					replaysOther++;
				}
			}
			sealed++;
			HttpResponse<byte[]> again = HTTP.send(HttpRequest.newBuilder(URI.create(proxy + "/api/v1/seals/" + f[2]))
				.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + KEY)
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (again.statusCode() == 200 && sha256(again.body()).equals(f[3])) {
				fetched++;
			}
		}
		int lost = 0;
		List<String> sessionLines = Files.readAllLines(out.resolve("sessions.tsv"));
		for (String line : sessionLines) {
			String[] f = line.split("\t");
			int status = get(f[0].equals("expert") ? "/cabinet/compte" : "/signer", new Session(f[0], f[1])).statusCode();
			lost += status == 200 ? 0 : 1;
		}
		boolean ok = true;
		ok &= row("200 seals fetched again by id, same bytes", fetched, sealed);
		ok &= row("replays answered another document's id", replaysOther, 0);
		ok &= row("sessions lost (of " + sessionLines.size() + ")", lost, 0);
		return ok;
	}

	static boolean row(String name, long value, long expected) {
		boolean ok = value == expected;
		System.out.println(name + "|" + value + "|" + expected + "|" + (ok ? "ok" : "FAILED"));
		return ok;
	}

	HttpResponse<byte[]> get(String path, Session session) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(proxy + path))
			.timeout(Duration.ofSeconds(60))
			.header("Cookie", "PARAPHE_SESSION=" + session.cookie)
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	static HttpRequest.Builder multipart(String url, byte[] file, String level) {
		String boundary = "chaos" + UUID.randomUUID();
		StringBuilder head = new StringBuilder();
		if (level != null) {
			head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"level\"\r\n\r\n")
				.append(level).append("\r\n");
		}
		head.append("--").append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doc.pdf\"\r\nContent-Type: application/pdf\r\n\r\n");
		byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
		byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[start.length + file.length + end.length];
		System.arraycopy(start, 0, body, 0, start.length);
		System.arraycopy(file, 0, body, start.length, file.length);
		System.arraycopy(end, 0, body, start.length + file.length, end.length);
		return HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
	}

	/** A status; an answer the proxy made itself (no node could answer: it carries no X-Node) is marked. */
	void count(String what, HttpResponse<?> response) {
		boolean proxy = response.headers().firstValue("X-Node").isEmpty();
		count(what + " " + response.statusCode() + (proxy ? " (proxy)" : ""));
		if (response.statusCode() >= 500) {
			failed(what, String.valueOf(response.statusCode()), response.headers().firstValue("X-Node").orElse("proxy"));
		}
	}

	void sending(String what) {
		doing.set(what);
		since.set(System.currentTimeMillis());
	}

	void failed(String what, String outcome, String answeredBy) {
		Long started = since.get();
		long now = System.currentTimeMillis();
		failureLines.add(String.join("\t", String.valueOf(started == null ? now : started), String.valueOf(now), what,
				outcome, answeredBy));
	}

	void count(String what) {
		statuses.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
