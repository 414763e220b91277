import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares the demo firm for bench/seal-api.sh through the application's own pages, as its owner would: logs in as
 * the demonstration account "expert" (Claire Martin, owner of "Cabinet Démo") through the OpenID Connect flow of the
 * demonstration provider, accepts the CGU in force (the sealing API refuses a key whose creator has not: 403), and
 * credits the firm's prepaid account through the demonstration payment provider ("/cabinet/compte", form
 * "Créditer"), so that seals are not refused with 402.
 * <p>
 * JDK only: {@code java bench/SealSetup.java PORT AMOUNT [TIMES]}.
 */
public class SealSetup {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String amount = args[1];
		int times = args.length > 2 ? Integer.parseInt(args[2]) : 1;
		HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		String app = "http://localhost:" + port;
		String idp = "http://127.0.0.1:" + port;
		HttpResponse<String> login = get(client, app + "/oauth2/authorization/comptexpert");
		if (!login.uri().toString().startsWith(idp + "/idp/login")) {
			throw new IllegalStateException("Expected the provider's login page, got " + login.uri());
		}
		HttpResponse<String> home = post(client, idp + "/idp/login",
				"username=expert&password=demo&_csrf=" + encode(input(login.body(), "_csrf")));
		if (home.statusCode() != 200 || !home.uri().toString().startsWith(app)) {
			throw new IllegalStateException("Login failed: " + home.statusCode() + " " + home.uri());
		}
		HttpResponse<String> terms = get(client, app + "/cgu");
		if (terms.body().contains("name=\"version\"")) {
			String version = input(terms.body(), "version");
			HttpResponse<String> accepted = post(client, app + "/cgu",
					"version=" + version + "&accepte=oui&_csrf=" + encode(meta(terms.body())));
			System.out.println("CGU version " + version + " accepted: HTTP " + accepted.statusCode());
		}
		else {
			// The default profile's demonstration set-up accepted them at start-up (paraphe.signing.demo-setup).
			System.out.println("CGU already accepted");
		}
		for (int i = 0; i < times; i++) {
			HttpResponse<String> account = get(client, app + "/cabinet/compte");
			// The form's one-time token: a form posted twice pays once.
			HttpResponse<String> credited = post(client, app + "/cabinet/compte/credit", "montant=" + encode(amount)
					+ "&formulaire=" + encode(input(account.body(), "formulaire")) + "&_csrf=" + encode(meta(account.body())));
			if (credited.statusCode() != 200 || credited.body().contains("id=\"flash-failure\"")) {
				throw new IllegalStateException("Credit refused: HTTP " + credited.statusCode());
			}
		}
		System.out.println("Credited " + times + " × " + amount + " €");
	}

	private static String input(String html, String name) {
		Matcher matcher = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"")
			.matcher(html);
		if (!matcher.find()) {
			throw new IllegalStateException("No input " + name + " in the page");
		}
		return matcher.group(1);
	}

	private static String meta(String html) {
		Matcher matcher = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(html);
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token in the page");
		}
		return matcher.group(1);
	}

	private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static HttpResponse<String> post(HttpClient client, String url, String form) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(120))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
