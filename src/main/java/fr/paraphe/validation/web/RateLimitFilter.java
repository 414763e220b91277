package fr.paraphe.validation.web;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits validations (POST /api/v1/validations and POST /valider) per client address with a token bucket:
 * {@code paraphe.validation.rate-limit-per-minute} requests at once, refilled at that rate. Beyond it the answer
 * is 429 with Retry-After, as problem details on the API and as a French page elsewhere. The buckets live in the
 * node's memory: with several nodes behind a load balancer the limit applies per node. The client address is the
 * request's remote address, which Spring Boot takes from X-Forwarded-For only when
 * {@code server.forward-headers-strategy} says a trusted proxy sets it.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private static final int MAX_CLIENTS = 100_000;

	private final int perMinute;

	private final Clock clock;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimitFilter(int perMinute, Clock clock) {
		this.perMinute = Math.max(1, perMinute);
		this.clock = clock;
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
		long now = clock.millis();
		if (buckets.size() > MAX_CLIENTS) {
			// Full buckets carry no information: forget them rather than grow without bound.
			buckets.values().removeIf(bucket -> bucket.isFull(now));
		}
		Bucket bucket = buckets.computeIfAbsent(request.getRemoteAddr(), address -> new Bucket(perMinute, now));
		long waitMillis = bucket.take(now);
		if (waitMillis > 0) {
			response.setHeader("Retry-After", Long.toString(Math.max(1, (waitMillis + 999) / 1000)));
			response.sendError(429);
			return;
		}
		chain.doFilter(request, response);
	}

	/** A token bucket of {@code capacity} tokens refilled at {@code capacity} per minute. */
	static final class Bucket {

		private final int capacity;

		private double tokens;

		private long updated;

		Bucket(int capacity, long now) {
			this.capacity = capacity;
			this.tokens = capacity;
			this.updated = now;
		}

		/** Takes a token: 0 if one was there, else how long until one will be. */
		synchronized long take(long now) {
			refill(now);
			if (tokens >= 1) {
				tokens -= 1;
				return 0;
			}
			return (long) Math.ceil((1 - tokens) * 60_000.0 / capacity);
		}

		synchronized boolean isFull(long now) {
			refill(now);
			return tokens >= capacity;
		}

		private void refill(long now) {
			if (now > updated) {
				tokens = Math.min(capacity, tokens + (now - updated) * capacity / 60_000.0);
				updated = now;
			}
		}

	}

}
