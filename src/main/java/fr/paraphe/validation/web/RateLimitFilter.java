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

	private final Clock clock;

	private final RateLimitBuckets buckets;

	RateLimitFilter(int perMinute, Clock clock, RateLimitBuckets buckets) {
		this.perMinute = Math.max(1, perMinute);
		this.clock = clock;
		this.buckets = buckets;
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
		String client = request.getRemoteAddr();
		long waitMillis = buckets.take(client.length() > 64 ? client.substring(0, 64) : client, perMinute, clock.millis());
		if (waitMillis > 0) {
			response.setHeader("Retry-After", Long.toString(Math.max(1, (waitMillis + 999) / 1000)));
			response.sendError(429);
			return;
		}
		chain.doFilter(request, response);
	}

	/** Forgets full buckets every minute. */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void forgetFullBuckets() {
		buckets.forgetFull(clock.millis());
	}

}
