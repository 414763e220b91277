package fr.paraphe.timestamp.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.paraphe.timestamp.TimeStampAuthority;
import fr.paraphe.timestamp.internal.TimestampProperties;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * RFC 3161 §3.4 "Time-Stamp Protocol via HTTP": a DER {@code application/timestamp-query} in, a DER
 * {@code application/timestamp-reply} out. A query that is not one gets a rejection reply (HTTP 200, as the
 * protocol's status says it); an oversize body gets HTTP 413.
 */
@RestController
class TsaController {

	static final MediaType TIMESTAMP_REPLY = MediaType.parseMediaType("application/timestamp-reply");

	private final TimeStampAuthority tsa;

	private final int maxQueryBytes;

	TsaController(TimeStampAuthority tsa, TimestampProperties properties) {
		this.tsa = tsa;
		this.maxQueryBytes = properties.maxQueryBytes();
	}

	@PostMapping(path = "/pki/tsa", consumes = "application/timestamp-query")
	ResponseEntity<byte[]> timeStamp(HttpServletRequest request, HttpServletResponse response) throws IOException {
		byte[] query = read(request);
		if (query == null) {
			response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			return null;
		}
		return ResponseEntity.ok().contentType(TIMESTAMP_REPLY).cacheControl(CacheControl.noStore()).body(tsa.respond(query));
	}

	private byte[] read(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > maxQueryBytes) {
			return null;
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(maxQueryBytes + 1);
			return body.length > maxQueryBytes ? null : body;
		}
	}

}
