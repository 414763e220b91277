package fr.paraphe.pki.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a protocol request's body with a size limit, so an oversize body costs no more than the limit.
 */
final class RequestBodies {

	private RequestBodies() {
	}

	/** The body, or null if it is longer than {@code limit} bytes. */
	static byte[] read(HttpServletRequest request, int limit) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			return null;
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(limit + 1);
			return body.length > limit ? null : body;
		}
	}

}
