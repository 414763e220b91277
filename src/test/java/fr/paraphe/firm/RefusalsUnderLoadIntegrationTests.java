package fr.paraphe.firm;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.ProblemException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collaborator hammering an owner's page: sixty concurrent refused requests (against a pool of ten
 * connections) each get their 403, every refusal is recorded, and the platform keeps answering others.
 */
@ParapheIntegrationTest
class RefusalsUnderLoadIntegrationTests {

	static final int REQUESTS = 60;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Test
	void sixtyConcurrentRefusalsDoNotExhaustThePoolAndAreAllRecorded() throws Exception {
		new DemoLogin(port).loginAs("expert");
		User owner = users.findBySubject("demo-expert").orElseThrow();
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		try {
			firms.addCollaborator(firm, owner.id(), "julien.bernard@cabinet-demo.fr");
		}
		catch (ProblemException alreadyAdded) {
			assertThat(alreadyAdded.getStatusCode().value()).isEqualTo(409);
		}
		DemoLogin collaborator = new DemoLogin(port).loginAs("collab");
		int before = refusals();
		ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				statuses.add(clients.submit(() -> {
					start.await();
					return collaborator.get("/cabinet/compte").statusCode();
				}));
			}
			start.countDown();
			HttpResponse<String> other = new DemoLogin(port).get("/tarifs");
			assertThat(other.statusCode()).isEqualTo(200);
			for (Future<Integer> status : statuses) {
				assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(403);
			}
		}
		finally {
			clients.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> refusals() - before >= REQUESTS);
		assertThat(refusals() - before).isEqualTo(REQUESTS);
	}

	private int refusals() {
		return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'firm.action.refused' AND details LIKE '%owner action%'")
			.query(Integer.class)
			.single();
	}

}
