package fr.paraphe;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser-like HTTP client (cookies, redirects) that logs in through the whole OpenID Connect
 * authorization-code flow against the demonstration provider, over real HTTP. The application is reached
 * as {@code localhost}, the provider as {@code 127.0.0.1}, as a person's browser would.
 */
public final class DemoLogin {

	private final int port;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient client;

	public DemoLogin(int port) {
		this.port = port;
		this.client = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	/** Logs in as a demonstration account; returns the page the flow lands on. */
	public HttpResponse<String> login(String username, String password) {
		HttpResponse<String> loginPage = get("/oauth2/authorization/comptexpert");
		assertThat(loginPage.uri().toString()).startsWith("http://127.0.0.1:" + port + "/idp/login");
		String csrf = Jsoup.parse(loginPage.body()).select("input[name=_csrf]").attr("value");
		String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf);
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/idp/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/** Logs in with the demonstration password and checks the flow landed on the home page. */
	public DemoLogin loginAs(String username) {
		HttpResponse<String> home = login(username, "demo");
		assertThat(home.uri()).hasToString(url("/"));
		assertThat(home.statusCode()).isEqualTo(200);
		return this;
	}

	public String url(String path) {
		return "http://localhost:" + port + path;
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
	}

	/** A binary download (a PDF, a certificate). */
	public HttpResponse<byte[]> getBytes(String path) {
		try {
			return client.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** The CSRF token of the session, as the pages give it to their scripts. */
	public String csrfToken() {
		Document home = Jsoup.parse(get("/").body());
		return home.select("meta[name=_csrf]").attr("content");
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public CookieManager cookies() {
		return cookies;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
