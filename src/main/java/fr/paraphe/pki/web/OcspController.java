package fr.paraphe.pki.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.paraphe.pki.internal.OcspResponder;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OCSP responder over HTTP (RFC 6960 Appendix A): POST of a DER request, or GET of its base64 in the
 * path. Any body that is not an OCSP request gets an OCSP {@code malformedRequest} response; only an
 * oversize body gets an HTTP error (413).
 */
@RestController
class OcspController {

	static final MediaType OCSP_REQUEST = MediaType.parseMediaType("application/ocsp-request");

	static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");

	/** Far above any honest request (one CertID is under 100 bytes). */
	static final int MAX_REQUEST_BYTES = 16 * 1024;

	private static final String GET_PREFIX = "/pki/ocsp/";

	private final OcspResponder responder;

	OcspController(OcspResponder responder) {
		this.responder = responder;
	}

	@PostMapping(path = "/pki/ocsp", consumes = "application/ocsp-request")
	ResponseEntity<byte[]> post(HttpServletRequest request, HttpServletResponse response) throws IOException {
		byte[] body = RequestBodies.read(request, MAX_REQUEST_BYTES);
		if (body == null) {
			response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			return null;
		}
		OcspResponder.Answer answer = responder.respond(body);
		return ResponseEntity.ok().contentType(OCSP_RESPONSE).cacheControl(CacheControl.noStore()).body(answer.der());
	}

	/**
	 * RFC 6960 Appendix A.1 and RFC 5019 §5: {@code GET /pki/ocsp/{url-encoding of base-64 encoding of the
	 * DER encoding of the OCSPRequest}}. Clients that leave the base64 '/' unencoded are understood too.
	 */
	@GetMapping("/pki/ocsp/**")
	ResponseEntity<byte[]> get(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String encoded = path.length() > GET_PREFIX.length() ? path.substring(GET_PREFIX.length()) : "";
		OcspResponder.Answer answer;
		if (encoded.length() > MAX_REQUEST_BYTES * 2) {
			answer = responder.respond(new byte[0]);
		}
		else {
			answer = responder.respond(decode(encoded));
		}
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(OCSP_RESPONSE);
		if (answer.cacheable()) {
			// RFC 5019 §6.2 lets HTTP caches keep a pre-produced response; one minute at most, so that a
			// revocation reaches clients behind a cache as soon as the CRL does.
			long maxAge = Math.max(0, Duration.between(Instant.now(), answer.nextUpdate()).toSeconds());
			ok.cacheControl(CacheControl.maxAge(Duration.ofSeconds(Math.min(maxAge, 60))).cachePublic())
				.lastModified(answer.thisUpdate());
		}
		else {
			ok.cacheControl(CacheControl.noStore());
		}
		return ok.body(answer.der());
	}

	private static byte[] decode(String encoded) {
		try {
			String base64 = java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.US_ASCII);
			if (base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0) {
				return Base64.getUrlDecoder().decode(base64.replace("=", ""));
			}
			return Base64.getDecoder().decode(base64.replace(' ', '+'));
		}
		catch (IllegalArgumentException malformed) {
			return new byte[0];
		}
	}

}
