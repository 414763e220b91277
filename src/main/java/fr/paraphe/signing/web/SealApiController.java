package fr.paraphe.signing.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.ApiKeys;
import fr.paraphe.pades.Appearance;
import fr.paraphe.signing.FirmSeals;
import fr.paraphe.signing.SignatureExtensions;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/seals}: a firm's software seals a PDF with the firm's seal; {@code POST /api/v1/extensions}
 * raises a signed PDF's signatures to a higher level. Authenticated by a firm API key
 * ({@code Authorization: Bearer …}), not by a session: no cookie, so no CSRF token.
 */
@RestController
class SealApiController {

	private final ApiKeys apiKeys;

	private final FirmSeals seals;

	private final SignatureLevel defaultLevel;

	private final SignatureExtensions extensions;

	SealApiController(ApiKeys apiKeys, FirmSeals seals, SignatureExtensions extensions,
			@Value("${paraphe.signing.default-level:B_LT}") String defaultLevel) {
		this.extensions = extensions;
		this.apiKeys = apiKeys;
		this.seals = seals;
		this.defaultLevel = SignatureLevel.parse(defaultLevel).orElse(SignatureLevel.B_LT);
	}

	@PostMapping(path = "/api/v1/seals", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<org.springframework.core.io.InputStreamResource> seal(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String level, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Float x, @RequestParam(required = false) Float y,
			@RequestParam(required = false) Float width, @RequestParam(required = false) Float height,
			@RequestParam(required = false) String reason, @RequestParam(required = false) Boolean visible,
			@RequestParam(required = false) Boolean certify) {
		ApiKeys.Caller caller = apiKeys.authenticate(bearer(authorization))
			.orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "signing.api.unauthorized"));
		if (file == null || file.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.noFile");
		}
		if (idempotencyKey != null && !idempotencyKey.matches("[A-Za-z0-9._:-]{1,100}")) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badIdempotencyKey");
		}
		SignatureLevel chosen = level == null || level.isBlank() ? defaultLevel
				: SignatureLevel.parse(level)
					.orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badLevel"));
		SignatureParameters parameters = new SignatureParameters(chosen, null, null,
				reason == null || reason.isBlank() ? null : reason.strip(), null, null, null, 0);
		if (Boolean.TRUE.equals(certify)) {
			// A certification seal (ISO 32000-1 §12.8.2.2, DocMDP P=2): later signatures and form filling only.
			parameters = parameters.withCertification(2);
		}
		if (Boolean.TRUE.equals(visible) || (visible == null && page != null)) {
			parameters = parameters.withAppearance(Appearance.boxOrDefault(page == null ? 1 : page, x, y, width, height),
					null);
		}
		// From a temporary file to a temporary file: a large PDF never sits in memory.
		java.nio.file.Path input = null;
		java.nio.file.Path output = null;
		boolean replayed;
		try {
			input = java.nio.file.Files.createTempFile("paraphe-seal-in-", ".pdf");
			output = java.nio.file.Files.createTempFile("paraphe-seal-out-", ".pdf");
			file.transferTo(input);
			replayed = seals.seal(caller.firm(), caller.createdBy(), input, output, parameters, idempotencyKey,
					fr.paraphe.signing.Documents.Origin.api(file.getOriginalFilename()));
		}
		catch (IOException | RuntimeException failure) {
			delete(output);
			if (failure instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new UncheckedIOException((IOException) failure);
		}
		finally {
			delete(input);
		}
		java.nio.file.Path sealed = output;
		String sealedName = SealPageController.sealedName(file.getOriginalFilename());
		// Written synchronously with its length (no asynchronous streaming, no chunked encoding); the temporary
		// file goes away when the response's stream is closed.
		try {
			long length = java.nio.file.Files.size(sealed);
			java.io.InputStream in = java.nio.file.Files.newInputStream(sealed,
					java.nio.file.StandardOpenOption.DELETE_ON_CLOSE);
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_PDF)
				.contentLength(length)
				.header("Idempotent-Replayed", String.valueOf(replayed))
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(sealedName, java.nio.charset.StandardCharsets.UTF_8).build().toString())
				.body(new org.springframework.core.io.InputStreamResource(in));
		}
		catch (IOException ex) {
			delete(sealed);
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@code POST /api/v1/extensions}: raises the signatures of a signed PDF (multipart {@code file}) to
	 * {@code level} (B-T, B-LT or B-LTA; default B-LTA, for archiving), for a firm's software with its API key.
	 */
	@PostMapping(path = "/api/v1/extensions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<byte[]> extend(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String level) throws IOException {
		ApiKeys.Caller caller = apiKeys.authenticate(bearer(authorization))
			.orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "signing.api.unauthorized"));
		if (file == null || file.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.noFile");
		}
		SignatureLevel chosen = level == null || level.isBlank() ? SignatureLevel.B_LTA
				: SignatureLevel.parse(level)
					.orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badLevel"));
		byte[] extended = extensions.extend(caller.firm(), caller.createdBy(), file.getBytes(), chosen,
				file.getOriginalFilename());
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(DownloadNames.base(file.getOriginalFilename()) + "-" + chosen.name().toLowerCase(java.util.Locale.ROOT)
						.replace('_', '-') + ".pdf", java.nio.charset.StandardCharsets.UTF_8)
				.build()
				.toString())
			.body(extended);
	}

	private static void delete(java.nio.file.Path file) {
		if (file != null) {
			try {
				java.nio.file.Files.deleteIfExists(file);
			}
			catch (IOException ignored) {
				// a temporary file
			}
		}
	}

	private static String bearer(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return authorization.substring(7).trim();
	}

}
