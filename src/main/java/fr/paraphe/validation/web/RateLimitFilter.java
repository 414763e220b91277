package fr.paraphe.validation.web;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits validations (POST /api/v1/validations and POST /valider) per client address with a token bucket:
 * {@code paraphe.validation.rate-limit-per-minute} requests at once, refilled at that rate. Beyond it the answer
 * is 429 with Retry-After, as problem details on the API and as a French page elsewhere. The buckets live in the
 * database ({@link RateLimitBuckets}), so the limit holds across all nodes. The client address is the request's
 * remote address, which Spring Boot takes from X-Forwarded-For only when {@code server.forward-headers-strategy}
 * says a trusted proxy sets it.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private final int perMinute;

	private final int perKeyPerMinute;

	private final Clock clock;

	private final RateLimitBuckets buckets;

	private final java.util.function.Function<String, java.util.Optional<String>> apiKeys;

	private final org.springframework.context.MessageSource messages;

	RateLimitFilter(int perMinute, Clock clock, RateLimitBuckets buckets) {
		this(perMinute, 600, clock, buckets, secret -> java.util.Optional.empty(), null);
	}

	/**
	 * @param perKeyPerMinute the quota of one firm API key, apart from the per-address one
	 * @param apiKeys the key's stable identifier for a bearer secret, empty when it is not a valid key
	 */
	RateLimitFilter(int perMinute, int perKeyPerMinute, Clock clock, RateLimitBuckets buckets,
			java.util.function.Function<String, java.util.Optional<String>> apiKeys,
			org.springframework.context.MessageSource messages) {
		this.perMinute = Math.max(1, perMinute);
		this.perKeyPerMinute = Math.max(1, perKeyPerMinute);
		this.clock = clock;
		this.buckets = buckets;
		this.apiKeys = apiKeys;
		this.messages = messages;
	}

	/** The client the filter identified for this request (anonymous when it did not run). */
	static fr.paraphe.validation.internal.ValidationClient client(HttpServletRequest request) {
		Object client = request == null ? null : request.getAttribute(fr.paraphe.validation.internal.ValidationClient.REQUEST_ATTRIBUTE);
		return client instanceof fr.paraphe.validation.internal.ValidationClient known ? known
				: fr.paraphe.validation.internal.ValidationClient.ANONYMOUS;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals("/api/v1/validations") || path.equals("/valider"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		address = address.length() > 64 ? address.substring(0, 64) : address;
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String authorization = request.getHeader("Authorization");
		fr.paraphe.validation.internal.ValidationClient client;
		int capacity;
		String policy;
		if (path.equals("/api/v1/validations") && authorization != null
				&& authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			java.util.Optional<String> key = apiKeys.apply(authorization.substring(7).trim());
			if (key.isEmpty()) {
				problem(response, 401, "validation.apiKey.invalid", null, english(request));
				return;
			}
			// A firm's own quota and queue: its bulk validations neither use nor count against the public's.
			client = new fr.paraphe.validation.internal.ValidationClient("key:" + key.get(), true);
			capacity = perKeyPerMinute;
			policy = "cle";
		}
		else {
			client = new fr.paraphe.validation.internal.ValidationClient(address, false);
			capacity = perMinute;
			policy = "adresse";
		}
		String bucket = client.id().length() > 64 ? client.id().substring(0, 64) : client.id();
		RateLimitBuckets.Take take = buckets.takeToken(bucket, capacity, clock.millis());
		// draft-ietf-httpapi-ratelimit-headers: the policy (quota q per window w seconds) and what is left of it.
		response.setHeader("RateLimit-Policy", "\"" + policy + "\";q=" + capacity + ";w=60");
		response.setHeader("RateLimit", "\"" + policy + "\";r=" + Math.max(0, take.remaining()) + ";t="
				+ Math.max(0, (take.fullInMillis() + 999) / 1000));
		if (take.waitMillis() > 0) {
			long seconds = Math.max(1, (take.waitMillis() + 999) / 1000);
			response.setHeader("Retry-After", Long.toString(seconds));
			if (client.firm()) {
				problem(response, 429, "validation.rateLimited", seconds, english(request));
			}
			else {
				response.sendError(429);
			}
			return;
		}
		request.setAttribute(fr.paraphe.validation.internal.ValidationClient.REQUEST_ATTRIBUTE, client);
		chain.doFilter(request, response);
	}

	/** French unless the caller asks for English first (Accept-Language), as the application's pages. */
	private static boolean english(HttpServletRequest request) {
		String accepted = request.getHeader("Accept-Language");
		return accepted != null && accepted.trim().toLowerCase(java.util.Locale.ROOT).startsWith("en");
	}

	/** An RFC 9457 problem in the caller's language (French by default). */
	private void problem(HttpServletResponse response, int status, String key, Object argument, boolean english)
			throws IOException {
		java.util.Locale language = english ? java.util.Locale.ENGLISH : java.util.Locale.FRENCH;
		String detail = messages == null ? key
				: messages.getMessage(key, argument == null ? null : new Object[] { argument }, key, language);
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\""
					+ (status == 401 ? "Unauthorized" : "Too Many Requests") + "\",\"detail\":\""
					+ detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"reason\":\""
					+ (status == 401 ? "INVALID_API_KEY" : "RATE_LIMITED") + "\"}");
	}

	/** Forgets full buckets every minute. */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void forgetFullBuckets() {
		buckets.forgetFull(clock.millis());
	}

}
