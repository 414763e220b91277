package fr.paraphe.terms;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParapheIntegrationTest
class TermsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Terms terms;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aVersionIsInForceFromTheStartAndItsHashIsTheHashOfItsText() {
		TermsVersion current = terms.current().orElseThrow();
		assertThat(current.sha256()).isEqualTo(Terms.sha256(current.text()));
	}

	@Test
	void signingIsRefusedUntilTheCurrentVersionIsAcceptedAndANewVersionNeedsANewAcceptance() {
		UserId user = UserId.random();
		assertThatThrownBy(() -> terms.requireAccepted(user)).isInstanceOfSatisfying(ProblemException.class,
				problem -> {
					assertThat(problem.getStatusCode().value()).isEqualTo(403);
					assertThat(problem.messageKey()).isEqualTo("terms.required");
					assertThat(problem.arguments()).containsExactly("/cgu");
					assertThat(problem.linkPath()).isEqualTo("/cgu");
					assertThat(problem.linkTextKey()).isEqualTo("terms.required.link");
				});
		TermsVersion current = terms.current().orElseThrow();
		TermsAcceptance acceptance = terms.accept(user, current.number(), "192.0.2.7");
		assertThat(acceptance.sha256()).isEqualTo(current.sha256());
		terms.requireAccepted(user);
		assertThat(jdbc.sql("SELECT address FROM terms_acceptance WHERE user_id = :u").param("u", user.value())
			.query(String.class).single()).isEqualTo("192.0.2.7");

		TermsVersion next = terms.publish("Version suivante " + UUID.randomUUID(), UserId.random());
		assertThat(next.number()).isGreaterThan(current.number());
		assertThat(terms.hasAccepted(user)).isFalse();
		assertThatThrownBy(() -> terms.accept(user, current.number(), "192.0.2.7")).isInstanceOf(ProblemException.class);
		terms.accept(user, next.number(), "192.0.2.8");
		assertThat(terms.hasAccepted(user)).isTrue();
		assertThat(terms.acceptancesOf(user)).extracting(TermsAcceptance::version)
			.containsExactly(next.number(), current.number());
	}

	@Test
	void onlyAnAdministratorPublishesAndAUserAcceptsThroughThePage() {
		DemoLogin expert = new DemoLogin(port).loginAs("collab");
		assertThat(expert.get("/admin/cgu").statusCode()).isEqualTo(403);
		HttpResponse<String> page = expert.get("/cgu");
		assertThat(page.statusCode()).isEqualTo(200);
		String version = Jsoup.parse(page.body()).select("#terms-form input[name=version]").attr("value");
		String csrf = expert.csrfToken();
		HttpResponse<String> accepted = expert.send(HttpRequest.newBuilder(URI.create(expert.url("/cgu")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("version=" + version + "&accepte=oui&_csrf=" + csrf)));
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(accepted.body()).select("#terms-accepted")).isNotEmpty();

		DemoLogin admin = new DemoLogin(port).loginAs("admin");
		String text = "CGU publiées par la page " + UUID.randomUUID();
		HttpResponse<String> published = admin.send(HttpRequest.newBuilder(URI.create(admin.url("/admin/cgu")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("texte=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
					+ "&_csrf=" + admin.csrfToken())));
		assertThat(published.statusCode()).isEqualTo(200);
		assertThat(terms.current().orElseThrow().text()).isEqualTo(text);
		assertThat(Jsoup.parse(expert.get("/cgu").body()).select("#terms-form")).isNotEmpty();
	}

}
