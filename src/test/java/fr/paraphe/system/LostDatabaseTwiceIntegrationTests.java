package fr.paraphe.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import fr.paraphe.ParapheIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, found by the CI's chaos run: when every connection of the pool was cut, Spring Session's filter failed to
 * find the session on the request, failed again in its {@code finally} (committing the session looks it up once
 * more) and failed a third time on the error page's own dispatch, so the error page never ran and Tomcat's error
 * report (Paraphe's {@code ContainerErrorPage}) answered 500. A filter that loses the database on the request and
 * again on the error dispatch shows it: the answer must still be 503 with {@code Retry-After}, in French on a page and
 * as problem details on the API.
 */
@ParapheIntegrationTest
class LostDatabaseTwiceIntegrationTests {

	private static final String LOST = "/essai/base-perdue";

	@LocalServerPort
	int port;

	@Test
	void aPageWhoseErrorPageLosesTheDatabaseTooIsStillA503InFrench() throws Exception {
		HttpResponse<String> page = get(LOST + "/page", "text/html");

		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(page.body()).contains("Service indisponible").contains("réessayer").doesNotContain("Exception");
	}

	@Test
	void anApiCallWhoseErrorPageLosesTheDatabaseTooIsStillA503Problem() throws Exception {
		HttpResponse<String> api = get("/api" + LOST, "application/json");

		assertThat(api.statusCode()).isEqualTo(503);
		assertThat(api.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(api.body()).contains("\"status\":503").doesNotContain("Exception");
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Accept", accept)
				.header("Accept-Language", "fr")
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@TestConfiguration
	static class LosingFilter {

		/** Loses the database on the request and again on its error page's dispatch, as a cut pool did. */
		@Bean
		FilterRegistrationBean<Filter> databaseLostTwice() {
			Filter filter = (ServletRequest request, ServletResponse response, FilterChain chain) -> {
				HttpServletRequest http = (HttpServletRequest) request;
				Object original = http.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
				String uri = original != null ? original.toString() : http.getRequestURI();
				if (uri.contains(LOST)) {
					throw new DataAccessResourceFailureException("I/O error",
							new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"));
				}
				chain.doFilter(request, response);
			};
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
			registration.setUrlPatterns(List.of("/*"));
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
