package fr.paraphe.signing.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a firm API key may do: each {@code /api/v1} route needs one scope (the table is
 * {@code signing.web.ApiRouteScopes}); a key lacking it is refused with 403.
 */
public enum ApiScope {

	/** Sealing: {@code /api/v1/seals…} and the bulk sealing jobs {@code /api/v1/seal-jobs…}. */
	SEALS("seals"),

	/** Raising signatures' level: {@code POST /api/v1/extensions}. */
	EXTENSIONS("extensions"),

	/** Validating signed PDFs under the firm's own quota: {@code POST /api/v1/validations}. */
	VALIDATIONS("validations"),

	/** Reading the firm's collections, their documents and evidence. */
	COLLECTIONS_READ("collections:read"),

	/** Creating, launching and cancelling collections. */
	COLLECTIONS_WRITE("collections:write"),

	/** Managing the firm's webhook endpoints: {@code /api/v1/webhooks…}. */
	WEBHOOKS("webhooks");

	private final String code;

	ApiScope(String code) {
		this.code = code;
	}

	/** The scope's name on the API and in the database, e.g. {@code collections:write}. */
	public String code() {
		return code;
	}

	public static Optional<ApiScope> parse(String code) {
		return Arrays.stream(values()).filter(scope -> scope.code.equals(code)).findFirst();
	}

	/** The scopes of a space-separated list; unknown names are ignored. */
	public static Set<ApiScope> parseAll(String codes) {
		Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
		if (codes != null) {
			for (String code : codes.trim().split("\\s+")) {
				parse(code).ifPresent(scopes::add);
			}
		}
		return scopes;
	}

	/** The scopes as a space-separated list, in declaration order. */
	public static String format(Set<ApiScope> scopes) {
		return scopes.stream().sorted().map(ApiScope::code).collect(Collectors.joining(" "));
	}

}
