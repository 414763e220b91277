package fr.paraphe.validation.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import fr.paraphe.shared.GuardedHttp;

/**
 * Fetches a URL named in an uploaded document (an OCSP responder, a CRL distribution point) through the shared
 * SSRF guard ({@link GuardedHttp}: public addresses only unless allow-listed, checked after resolution, no
 * redirect, bounded time and size); only a 200 answer is a fetch.
 */
final class GuardedFetcher {

	/** Why a URL was not fetched, or what went wrong. */
	enum Outcome {

		FETCHED, CACHED, REFUSED_SCHEME, REFUSED_ADDRESS, UNKNOWN_HOST, BUDGET_EXHAUSTED, TOO_LARGE, FAILED

	}

	/** A refusal or failure, with its outcome for the report. */
	static final class FetchException extends IOException {

		private static final long serialVersionUID = 1L;

		private final Outcome outcome;

		FetchException(Outcome outcome, String message) {
			super(message);
			this.outcome = outcome;
		}

		Outcome outcome() {
			return outcome;
		}

	}

	private final GuardedHttp http;

	/**
	 * @param allowList addresses (127.0.0.1), networks in CIDR notation (10.0.0.0/8) or host names that may be
	 * fetched although they are not public; empty in production
	 */
	GuardedFetcher(List<String> allowList, Duration timeout, int maxBytes) {
		this.http = new GuardedHttp(allowList, timeout, maxBytes, "Paraphe validation");
	}

	/** GET {@code url}, or POST {@code body} with {@code contentType} when a body is given. */
	byte[] fetch(String url, byte[] body, String contentType) throws FetchException {
		GuardedHttp.Response response;
		try {
			response = http.exchange(url, Map.of(), body, contentType);
		}
		catch (GuardedHttp.GuardException ex) {
			throw new FetchException(switch (ex.failure()) {
				case REFUSED_SCHEME -> Outcome.REFUSED_SCHEME;
				case REFUSED_ADDRESS -> Outcome.REFUSED_ADDRESS;
				case UNKNOWN_HOST -> Outcome.UNKNOWN_HOST;
				case TOO_LARGE -> Outcome.TOO_LARGE;
				case TIMEOUT, FAILED -> Outcome.FAILED;
			}, ex.getMessage());
		}
		if (response.status() != 200) {
			throw new FetchException(Outcome.FAILED, "HTTP status " + response.status());
		}
		return response.body();
	}

	/** Whether the address is on the public internet (not loopback, private, link-local, multicast...). */
	static boolean isPublic(InetAddress address) {
		return GuardedHttp.isPublic(address);
	}

	static boolean matches(String entry, InetAddress address) {
		return GuardedHttp.matches(entry, address);
	}

}
