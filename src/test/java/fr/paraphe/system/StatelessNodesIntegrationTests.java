package fr.paraphe.system;

import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database, as behind a load balancer: a session opened on one node is served by the other, and
 * a logout on the other ends it on the first. Nothing of a session lives in a node's memory.
 */
@ParapheIntegrationTest
class StatelessNodesIntegrationTests {

	private static fr.paraphe.SecondNode secondNode;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startSecondNode() {
		// Same profile, same database (the in-memory H2 of this JVM, or the PostgreSQL of -Ppostgres).
		secondNode = fr.paraphe.SecondNode.start();
	}

	@AfterAll
	static void stopSecondNode() {
		if (secondNode != null) {
			secondNode.close();
		}
	}

	@Test
	void aSessionOpenedOnOneNodeIsServedAndEndedByTheOther() {
		DemoLogin first = new DemoLogin(port).loginAs("expert");
		HttpCookie session = first.cookies()
			.getCookieStore()
			.get(URI.create(first.url("/")))
			.stream()
			.filter(cookie -> cookie.getName().equals(SecurityConfiguration.SESSION_COOKIE))
			.findFirst()
			.orElseThrow();
		int secondPort = secondNode.port();
		assertThat(secondPort).isNotEqualTo(port);

		DemoLogin second = new DemoLogin(secondPort);
		HttpResponse<String> me = second.send(HttpRequest.newBuilder(URI.create(second.url("/api/v1/me")))
			.header("Cookie", session.getName() + "=" + session.getValue())
			.GET());
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"role\"").contains("EXPERT");

		// Log out on the second node, with the CSRF token kept in the shared session.
		HttpResponse<String> home = second.send(HttpRequest.newBuilder(URI.create(second.url("/")))
			.header("Cookie", session.getName() + "=" + session.getValue())
			.GET());
		String csrf = org.jsoup.Jsoup.parse(home.body()).select("input[name=_csrf]").attr("value");
		assertThat(csrf).isNotBlank();
		HttpResponse<String> loggedOut = second.send(HttpRequest.newBuilder(URI.create(second.url("/deconnexion")))
			.header("Cookie", session.getName() + "=" + session.getValue())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)));
		// The logout goes on to the provider's end-session endpoint (RP-initiated logout, issue 14); the demonstration
		// provider keeps its state in one node's memory, so the second node's provider may not know the ID token.
		assertThat(loggedOut.uri().getPath()).isIn("/deconnexion/ok", "/idp/connect/logout");

		assertThat(first.get("/api/v1/me").statusCode()).isEqualTo(401);
	}

}
