package fr.paraphe.signing.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.paraphe.signing.internal.ApiScope;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * THE table of what each {@code /api/v1} route needs: the one place that maps routes to API key scopes. A route
 * that no rule matches is refused ({@link ApiGate}): a new route must be added here before it answers anyone.
 * Collection models and batches (GET/HEAD: {@code collections:read}, writes: {@code collections:write}) go with
 * the collections; the bulk sealing jobs with the seals.
 */
final class ApiRouteScopes {

	/** What a route needs. */
	sealed interface Need {
	}

	/** A firm API key with {@code scope}. */
	record KeyWith(ApiScope scope) implements Need {
	}

	/** Anyone; a firm API key, when one is presented, must have {@code scope} (the public validation API). */
	record AnonymousOrKeyWith(ApiScope scope) implements Need {
	}

	/** A logged-in person's session (Spring Security checks it); no API key grants it. */
	record Session() implements Need {
	}

	private record Rule(Set<String> methods, PathPattern pattern, Need need) {

		boolean matches(String method, PathContainer path) {
			return (methods.isEmpty() || methods.contains(method)) && pattern.matches(path);
		}

	}

	private static final Set<String> ANY = Set.of();

	private static final Set<String> READ = Set.of("GET", "HEAD");

	private static final Set<String> WRITE = Set.of("POST", "PUT", "PATCH", "DELETE");

	private static final List<Rule> RULES = List.of(
			rule(ANY, "/api/v1/seals", new KeyWith(ApiScope.SEALS)),
			rule(ANY, "/api/v1/seals/**", new KeyWith(ApiScope.SEALS)),
			rule(ANY, "/api/v1/seal-jobs", new KeyWith(ApiScope.SEALS)),
			rule(ANY, "/api/v1/seal-jobs/**", new KeyWith(ApiScope.SEALS)),
			rule(ANY, "/api/v1/extensions", new KeyWith(ApiScope.EXTENSIONS)),
			rule(ANY, "/api/v1/validations", new AnonymousOrKeyWith(ApiScope.VALIDATIONS)),
			rule(ANY, "/api/v1/validations/**", new AnonymousOrKeyWith(ApiScope.VALIDATIONS)),
			rule(READ, "/api/v1/collections", new KeyWith(ApiScope.COLLECTIONS_READ)),
			rule(READ, "/api/v1/collections/**", new KeyWith(ApiScope.COLLECTIONS_READ)),
			rule(WRITE, "/api/v1/collections", new KeyWith(ApiScope.COLLECTIONS_WRITE)),
			rule(WRITE, "/api/v1/collections/**", new KeyWith(ApiScope.COLLECTIONS_WRITE)),
			rule(READ, "/api/v1/collection-models", new KeyWith(ApiScope.COLLECTIONS_READ)),
			rule(READ, "/api/v1/collection-models/**", new KeyWith(ApiScope.COLLECTIONS_READ)),
			rule(WRITE, "/api/v1/collection-models", new KeyWith(ApiScope.COLLECTIONS_WRITE)),
			rule(WRITE, "/api/v1/collection-models/**", new KeyWith(ApiScope.COLLECTIONS_WRITE)),
			rule(READ, "/api/v1/collection-batches", new KeyWith(ApiScope.COLLECTIONS_READ)),
			rule(READ, "/api/v1/collection-batches/**", new KeyWith(ApiScope.COLLECTIONS_READ)),
			rule(WRITE, "/api/v1/collection-batches", new KeyWith(ApiScope.COLLECTIONS_WRITE)),
			rule(WRITE, "/api/v1/collection-batches/**", new KeyWith(ApiScope.COLLECTIONS_WRITE)),
			rule(ANY, "/api/v1/webhooks", new KeyWith(ApiScope.WEBHOOKS)),
			rule(ANY, "/api/v1/webhooks/**", new KeyWith(ApiScope.WEBHOOKS)),
			rule(ANY, "/api/v1/me", new Session()),
			rule(ANY, "/api/v1/me/**", new Session()),
			rule(ANY, "/api/v1/admin/**", new Session()));

	private ApiRouteScopes() {
	}

	/**
	 * What a request needs.
	 * @param path the request's path within the application, e.g. {@code /api/v1/collections/…/launch}
	 * @return empty when no rule maps it: the request must be refused
	 */
	static Optional<Need> need(String method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		return RULES.stream().filter(rule -> rule.matches(method, container)).map(Rule::need).findFirst();
	}

	private static Rule rule(Set<String> methods, String pattern, Need need) {
		return new Rule(methods, PathPatternParser.defaultInstance.parse(pattern), need);
	}

}
