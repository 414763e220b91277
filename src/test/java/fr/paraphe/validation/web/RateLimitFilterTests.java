package fr.paraphe.validation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The per-address token bucket of the validation endpoints. */
class RateLimitFilterTests {

	Instant now = Instant.parse("2026-11-26T10:00:00Z");

	Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	};

	RateLimitBuckets buckets = buckets();

	RateLimitFilter filter = new RateLimitFilter(3, clock, buckets);

	/** The buckets in a database of their own, with the table of the application's migration. */
	static RateLimitBuckets buckets() {
		var dataSource = new org.springframework.jdbc.datasource.DriverManagerDataSource(
				"jdbc:h2:mem:rate-" + java.util.UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
				"sa", "");
		var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
		try (var migration = RateLimitFilterTests.class
			.getResourceAsStream("/db/migration/validation/V2026_11_27_35__validation_rate_buckets.sql")) {
			String sql = new String(migration.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
				if (!statement.isBlank()) {
					jdbc.sql(statement).update();
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return new RateLimitBuckets(jdbc, new org.springframework.transaction.support.TransactionTemplate(
				new org.springframework.jdbc.support.JdbcTransactionManager(dataSource)), dataSource);
	}

	@Test
	void anAddressGetsItsQuotaThenA429WithRetryAfterThenMoreAsTimePasses() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(post("/api/v1/validations", "203.0.113.7").getStatus()).isEqualTo(200);
		}
		MockHttpServletResponse refused = post("/api/v1/validations", "203.0.113.7");
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 20);

		// another client is not affected, and the page shares the quota of its address
		assertThat(post("/api/v1/validations", "198.51.100.1").getStatus()).isEqualTo(200);
		assertThat(post("/valider", "203.0.113.7").getStatus()).isEqualTo(429);

		now = now.plus(Duration.ofSeconds(20));
		assertThat(post("/api/v1/validations", "203.0.113.7").getStatus()).isEqualTo(200);
		assertThat(post("/api/v1/validations", "203.0.113.7").getStatus()).isEqualTo(429);
	}

	@Test
	void twoNodesShareOneQuota() throws Exception {
		RateLimitFilter otherNode = new RateLimitFilter(3, clock, buckets);
		assertThat(post("/api/v1/validations", "203.0.113.9").getStatus()).isEqualTo(200);
		assertThat(post(otherNode, "/api/v1/validations", "203.0.113.9").getStatus()).isEqualTo(200);
		assertThat(post("/valider", "203.0.113.9").getStatus()).isEqualTo(200);
		assertThat(post(otherNode, "/api/v1/validations", "203.0.113.9").getStatus()).isEqualTo(429);

		// A bucket left alone two minutes is full again: its row goes, and the quota is whole.
		now = now.plus(Duration.ofMinutes(3));
		assertThat(buckets.forgetFull(clock.millis())).isEqualTo(1);
		for (int i = 0; i < 3; i++) {
			assertThat(post(otherNode, "/api/v1/validations", "203.0.113.9").getStatus()).isEqualTo(200);
		}
		assertThat(post("/api/v1/validations", "203.0.113.9").getStatus()).isEqualTo(429);
	}

	@Test
	void readingThePageIsNotCounted() throws Exception {
		for (int i = 0; i < 10; i++) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/valider");
			request.setRemoteAddr("203.0.113.8");
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(request, response, new MockFilterChain());
			assertThat(response.getStatus()).isEqualTo(200);
		}
	}

	/** A filter with a quota of 5 a minute per firm API key; "pph_good" and "pph_other" are two firms' keys. */
	RateLimitFilter withKeys = new RateLimitFilter(3, 5, clock, buckets,
			secret -> switch (secret) {
				case "pph_good" -> java.util.Optional.of("11111111-1111-1111-1111-111111111111");
				case "pph_other" -> java.util.Optional.of("22222222-2222-2222-2222-222222222222");
				default -> java.util.Optional.empty();
			}, fr.paraphe.validation.internal.Validators.messages());

	MockHttpServletResponse postWithKey(String key, String address) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/validations");
		request.setRemoteAddr(address);
		request.addHeader("Authorization", "Bearer " + key);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		withKeys.doFilter(request, response, chain);
		if (response.getStatus() == 200) {
			assertThat(RateLimitFilter.client((jakarta.servlet.http.HttpServletRequest) chain.getRequest()))
				.isEqualTo(new fr.paraphe.validation.internal.ValidationClient("key:" + (key.equals("pph_good")
						? "11111111-1111-1111-1111-111111111111" : "22222222-2222-2222-2222-222222222222"), true));
		}
		return response;
	}

	@Test
	void aFirmsApiKeyHasItsOwnQuotaWithRateLimitHeadersApartFromTheAddresses() throws Exception {
		// The address's anonymous quota is used up...
		for (int i = 0; i < 3; i++) {
			assertThat(post(withKeys, "/api/v1/validations", "203.0.113.20").getStatus()).isEqualTo(200);
		}
		MockHttpServletResponse anonymous = post(withKeys, "/api/v1/validations", "203.0.113.20");
		assertThat(anonymous.getStatus()).isEqualTo(429);
		assertThat(anonymous.getHeader("RateLimit-Policy")).isEqualTo("\"adresse\";q=3;w=60");

		// ...the firm behind the same address still has its key's five a minute.
		for (int i = 0; i < 5; i++) {
			MockHttpServletResponse response = postWithKey("pph_good", "203.0.113.20");
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getHeader("RateLimit-Policy")).isEqualTo("\"cle\";q=5;w=60");
			assertThat(response.getHeader("RateLimit")).startsWith("\"cle\";r=" + (4 - i) + ";t=");
		}
		MockHttpServletResponse refused = postWithKey("pph_good", "203.0.113.20");
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 12);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
			.contains("Trop de vérifications", "\"reason\":\"RATE_LIMITED\"");

		// Another firm's key, and the key from another address, are counted apart / together as they should.
		assertThat(postWithKey("pph_other", "203.0.113.20").getStatus()).isEqualTo(200);
		assertThat(postWithKey("pph_good", "198.51.100.30").getStatus()).isEqualTo(429);

		now = now.plus(Duration.ofSeconds(12));
		assertThat(postWithKey("pph_good", "203.0.113.20").getStatus()).isEqualTo(200);
	}

	@Test
	void anUnknownKeyIsRefusedWithAProblemInFrench() throws Exception {
		MockHttpServletResponse response = postWithKey("pph_unknown", "203.0.113.21");

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
			.contains("Cette clé d’API n’est pas valide", "\"reason\":\"INVALID_API_KEY\"");
	}

	@Test
	void theDefaultQuotaOfAKeyIs600AMinute() {
		assertThat(new org.springframework.boot.context.properties.bind.Binder(
				new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
						java.util.Map.of("paraphe.validation.timeout", "10s")))
			.bindOrCreate("paraphe.validation", fr.paraphe.validation.internal.ValidationProperties.class)
			.apiKeyRateLimitPerMinute()).isEqualTo(600);
	}

	MockHttpServletResponse post(String path, String address) throws Exception {
		return post(filter, path, address);
	}

	static MockHttpServletResponse post(RateLimitFilter filter, String path, String address) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.setRemoteAddr(address);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
