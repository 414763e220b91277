package fr.paraphe.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions in the database: none for someone who only looks at the public pages; and a person with several
 * tabs (concurrent requests in one session, each leaving a flash message) never gets a 500.
 */
@ParapheIntegrationTest
class SessionsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAnonymousVisitorGetsNoSession() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		int before = sessions();
		for (String path : List.of("/", "/tarifs", "/")) {
			HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("PARAPHE_SESSION"));
		}
		assertThat(sessions()).isLessThanOrEqualTo(before);
	}

	@Test
	void concurrentRequestsOfOneSessionNeverAnswer500() throws Exception {
		DemoLogin owner = new DemoLogin(port).loginAs("expert");
		String csrf = owner.csrfToken();
		ExecutorService tabs = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				String threshold = (i % 2 == 0) ? "5" : "x";
				answers.add(tabs.submit(() -> {
					start.await();
					return owner.send(HttpRequest.newBuilder(URI.create(owner.url("/cabinet/compte/seuil")))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString("seuil=" + threshold + "&_csrf=" + csrf))).statusCode();
				}));
			}
			start.countDown();
			for (Future<Integer> answer : answers) {
				assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			tabs.shutdownNow();
		}
	}

	private int sessions() {
		return jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Integer.class).single();
	}

}
