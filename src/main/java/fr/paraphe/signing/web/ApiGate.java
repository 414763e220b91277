package fr.paraphe.signing.web;

import java.io.IOException;
import java.util.Locale;

import fr.paraphe.signing.ApiKeys;
import fr.paraphe.signing.internal.ApiKeyRing;
import fr.paraphe.shared.TokenBuckets;
import fr.paraphe.signing.internal.ApiScope;
import fr.paraphe.signing.internal.ApiRateBuckets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * The gate of every {@code /api/v1} route, before its controller: finds what the route needs in
 * {@link ApiRouteScopes} (no rule: refused, 403), then checks the presented API key: none where one is needed,
 * unknown or revoked: 401; expired: 401; without the route's scope: 403 naming the missing scope
 * ({@code missingScope}). Refusals are RFC 9457 problem details in the caller's language, with a {@code reason}
 * code and, for 401/403, a {@code WWW-Authenticate: Bearer} challenge (RFC 6750).
 * <p>
 * A let-through key then takes a token from its own rate limit, shared by every node ({@link ApiRateBuckets}):
 * each answer carries {@code RateLimit-Policy} and {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers), and
 * beyond the quota the answer is 429 with {@code Retry-After}. The validation API keeps its own per-key quota
 * (validation's RateLimitFilter, with the same headers) and is not counted twice.
 */
class ApiGate implements HandlerInterceptor {

	/** The request attribute holding the valid key's {@link ApiKeyRing.Check}, for what runs after the gate. */
	static final String CHECK_ATTRIBUTE = ApiGate.class.getName() + ".check";

	private final ApiKeyRing apiKeys;

	private final MessageSource messages;

	private final JsonMapper json;

	private final ApiRateBuckets buckets;

	/** The policy's name in the RateLimit headers: the caller's API key. */
	static final String POLICY = "cle";

	ApiGate(ApiKeyRing apiKeys, MessageSource messages, JsonMapper json, ApiRateBuckets buckets) {
		this.buckets = buckets;
		this.apiKeys = apiKeys;
		this.messages = messages;
		this.json = json;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		if (!(handler instanceof HandlerMethod)) {
			// Not a route (an unknown path): the answer is 404 anyway.
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		ApiRouteScopes.Need need = ApiRouteScopes.need(request.getMethod(), path).orElse(null);
		if (need == null) {
			return refuse(request, response, HttpStatus.FORBIDDEN, "signing.api.unmappedRoute", "ROUTE_NOT_MAPPED", null,
					null);
		}
		if (need instanceof ApiRouteScopes.Session) {
			return true;
		}
		String secret = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
		ApiScope scope = need instanceof ApiRouteScopes.KeyWith key ? key.scope()
				: ((ApiRouteScopes.AnonymousOrKeyWith) need).scope();
		if (secret == null) {
			if (need instanceof ApiRouteScopes.AnonymousOrKeyWith) {
				return true;
			}
			return refuse(request, response, HttpStatus.UNAUTHORIZED, "signing.api.unauthorized", "INVALID_API_KEY",
					"Bearer realm=\"paraphe\"", null);
		}
		ApiKeyRing.Check check = apiKeys.check(secret);
		return switch (check.status()) {
			case UNKNOWN -> refuse(request, response, HttpStatus.UNAUTHORIZED, "signing.api.unauthorized",
					"INVALID_API_KEY", "Bearer realm=\"paraphe\", error=\"invalid_token\"", null);
			case EXPIRED -> refuse(request, response, HttpStatus.UNAUTHORIZED, "signing.api.expired", "EXPIRED_API_KEY",
					"Bearer realm=\"paraphe\", error=\"invalid_token\"", null);
			case VALID -> {
				if (!check.allows(scope)) {
					yield refuse(request, response, HttpStatus.FORBIDDEN, "signing.api.missingScope", "MISSING_SCOPE",
							"Bearer realm=\"paraphe\", error=\"insufficient_scope\", scope=\"" + scope.code() + "\"",
							scope);
				}
				request.setAttribute(CHECK_ATTRIBUTE, check);
				yield need instanceof ApiRouteScopes.AnonymousOrKeyWith || withinRate(request, response, check);
			}
		};
	}

	/** Takes a token from the key's bucket, writes the RateLimit headers, refuses with 429 when none is left. */
	private boolean withinRate(HttpServletRequest request, HttpServletResponse response, ApiKeyRing.Check check)
			throws IOException {
		ApiKeys.Caller caller = check.caller();
		String bucket = caller.keyId() != null ? caller.keyId().toString() : "firm-" + caller.firm().value();
		int quota = check.ratePerMinute();
		TokenBuckets.Take take = buckets.take(bucket, quota);
		response.setHeader("RateLimit-Policy", "\"" + POLICY + "\";q=" + quota + ";w=60");
		response.setHeader("RateLimit", "\"" + POLICY + "\";r=" + Math.max(0, take.remaining()) + ";t="
				+ Math.max(0, (take.fullInMillis() + 999) / 1000));
		if (take.waitMillis() <= 0) {
			return true;
		}
		long seconds = Math.max(1, (take.waitMillis() + 999) / 1000);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		Locale locale = RequestContextUtils.getLocale(request);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				messages.getMessage("signing.api.rateLimited", new Object[] { quota, seconds }, "signing.api.rateLimited",
						locale));
		problem.setTitle(messages.getMessage("error.429.title", null, "Too Many Requests", locale));
		problem.setProperty("reason", "RATE_LIMITED");
		problem.setProperty("retryAfterSeconds", seconds);
		write(response, 429, problem, null);
		return false;
	}

	private boolean refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String key,
			String reason, String challenge, ApiScope missing) throws IOException {
		Locale locale = RequestContextUtils.getLocale(request);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				messages.getMessage(key, missing == null ? null : new Object[] { missing.code() }, key, locale));
		problem.setTitle(messages.getMessage("error." + status.value() + ".title", null, status.getReasonPhrase(), locale));
		problem.setProperty("reason", reason);
		if (missing != null) {
			problem.setProperty("missingScope", missing.code());
		}
		write(response, status.value(), problem, challenge);
		return false;
	}

	/** Writes a problem as the answer (status, problem+json body, optional Bearer challenge). */
	void write(HttpServletResponse response, int status, ProblemDetail problem, String challenge) throws IOException {
		response.setStatus(status);
		if (challenge != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(json.writeValueAsString(problem));
	}

	static String bearer(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String secret = authorization.substring(7).trim();
		return secret.isEmpty() ? null : secret;
	}

}
