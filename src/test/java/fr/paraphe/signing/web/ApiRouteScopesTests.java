package fr.paraphe.signing.web;

import fr.paraphe.signing.internal.ApiScope;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of route scopes: routes of other modules mapped ahead of them, and nothing else let through. */
class ApiRouteScopesTests {

	@Test
	void theAnnouncedRoutesAreMappedAlready() {
		assertThat(ApiRouteScopes.need("POST", "/api/v1/seal-jobs")).contains(new ApiRouteScopes.KeyWith(ApiScope.SEALS));
		assertThat(ApiRouteScopes.need("GET", "/api/v1/seal-jobs/42/results.zip"))
			.contains(new ApiRouteScopes.KeyWith(ApiScope.SEALS));
		assertThat(ApiRouteScopes.need("DELETE", "/api/v1/webhooks/7")).contains(new ApiRouteScopes.KeyWith(ApiScope.WEBHOOKS));
		assertThat(ApiRouteScopes.need("POST", "/api/v1/webhooks/7/test"))
			.contains(new ApiRouteScopes.KeyWith(ApiScope.WEBHOOKS));
		assertThat(ApiRouteScopes.need("GET", "/api/v1/collections/1/evidence"))
			.contains(new ApiRouteScopes.KeyWith(ApiScope.COLLECTIONS_READ));
		assertThat(ApiRouteScopes.need("DELETE", "/api/v1/collections/1"))
			.contains(new ApiRouteScopes.KeyWith(ApiScope.COLLECTIONS_WRITE));
		assertThat(ApiRouteScopes.need("GET", "/api/v1/collection-models"))
			.contains(new ApiRouteScopes.KeyWith(ApiScope.COLLECTIONS_READ));
		assertThat(ApiRouteScopes.need("POST", "/api/v1/collection-models/1/collections"))
			.contains(new ApiRouteScopes.KeyWith(ApiScope.COLLECTIONS_WRITE));
		assertThat(ApiRouteScopes.need("GET", "/api/v1/collection-batches/1"))
			.contains(new ApiRouteScopes.KeyWith(ApiScope.COLLECTIONS_READ));
		assertThat(ApiRouteScopes.need("POST", "/api/v1/collection-batches"))
			.contains(new ApiRouteScopes.KeyWith(ApiScope.COLLECTIONS_WRITE));
		assertThat(ApiRouteScopes.need("OPTIONS", "/api/v1/collection-batches")).isEmpty();
	}

	@Test
	void anUnknownRouteOrMethodHasNoRule() {
		assertThat(ApiRouteScopes.need("GET", "/api/v1/invoices")).isEmpty();
		assertThat(ApiRouteScopes.need("OPTIONS", "/api/v1/collections")).isEmpty();
		assertThat(ApiRouteScopes.need("GET", "/api/v1/sealsX")).isEmpty();
	}

}
