package fr.paraphe.signing.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.TemporaryFiles;
import fr.paraphe.signing.ApiKeys;
import fr.paraphe.pades.Appearance;
import fr.paraphe.signing.FirmSeals;
import fr.paraphe.signing.internal.SignatureExtensions;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

	/** The response header naming a seal's document: its id, by which it is fetched again for a day. */
	static final String SEAL_ID_HEADER = "Paraphe-Seal-Id";

	private final TemporaryFiles temporary;

	private final ApiKeys apiKeys;

	private final FirmSeals seals;

	private final SignatureLevel defaultLevel;

	private final SignatureExtensions extensions;

	SealApiController(ApiKeys apiKeys, FirmSeals seals, SignatureExtensions extensions,
			@Value("${paraphe.signing.default-level:B_LT}") String defaultLevel, TemporaryFiles temporary) {
		this.temporary = temporary;
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
		ApiKeys.Caller caller = caller(authorization);
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
		FirmSeals.Sealed sealed;
		try {
			input = temporary.create("paraphe-seal-in-");
			output = temporary.create("paraphe-seal-out-");
			file.transferTo(input);
			sealed = seals.seal(caller.firm(), caller.createdBy(), input, output, parameters, idempotencyKey,
					fr.paraphe.signing.internal.Documents.Origin.api(file.getOriginalFilename()));
		}
		catch (IOException failure) {
			TemporaryFiles.delete(output);
			throw new UncheckedIOException(failure);
		}
		catch (RuntimeException | Error failure) {
			TemporaryFiles.delete(output);
			throw failure;
		}
		finally {
			TemporaryFiles.delete(input);
		}
		return pdf(output, sealed.id(), SealPageController.sealedName(file.getOriginalFilename()))
			.header("Idempotent-Replayed", String.valueOf(sealed.replayed()))
			.body(body(output));
	}

	/**
	 * {@code GET /api/v1/seals/{id}}: a seal charged in the last day, fetched again by the id its response named
	 * ({@value #SEAL_ID_HEADER}), whether or not it was sent with an Idempotency-Key: 404 for an unknown, expired
	 * or another firm's id.
	 */
	@GetMapping("/api/v1/seals/{id}")
	ResponseEntity<org.springframework.core.io.InputStreamResource> sealed(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = caller(authorization);
		java.util.UUID parsed = parseId(id);
		java.nio.file.Path output = temporary.create("paraphe-seal-again-");
		try {
			seals.sealed(caller.firm(), caller.createdBy(), parsed, output);
		}
		catch (RuntimeException | Error failure) {
			TemporaryFiles.delete(output);
			throw failure;
		}
		return pdf(output, parsed, parsed + "-cachete.pdf").body(body(output));
	}

	/**
	 * {@code GET /api/v1/seals?sha256=…}: the firm's seals of the last day whose PDF sent had this SHA-256 (64
	 * hexadecimal digits), newest first, as {@code [{"id": …, "sealedAt": …}]}: how a client that lost a response
	 * finds the id of its seal.
	 */
	@GetMapping(path = "/api/v1/seals", produces = MediaType.APPLICATION_JSON_VALUE)
	java.util.List<java.util.Map<String, String>> sealedFrom(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "sha256", required = false) String sha256) {
		ApiKeys.Caller caller = caller(authorization);
		if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badSha256");
		}
		return seals.sealedFrom(caller.firm(), caller.createdBy(), sha256.toLowerCase(java.util.Locale.ROOT))
			.stream()
			.map(kept -> java.util.Map.of("id", kept.id().toString(), "sealedAt", kept.sealedAt().toString()))
			.toList();
	}

	private ApiKeys.Caller caller(String authorization) {
		return apiKeys.authenticate(bearer(authorization))
			.orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "signing.api.unauthorized"));
	}

	private static java.util.UUID parseId(String id) {
		try {
			return java.util.UUID.fromString(id);
		}
		catch (IllegalArgumentException notAnId) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "signing.api.sealNotFound");
		}
	}

	/** A sealed PDF's headers: its length, its id, its name. */
	private static ResponseEntity.BodyBuilder pdf(java.nio.file.Path sealed, java.util.UUID id, String name) {
		try {
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_PDF)
				.contentLength(java.nio.file.Files.size(sealed))
				.header(SEAL_ID_HEADER, id.toString())
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString());
		}
		catch (IOException ex) {
			TemporaryFiles.delete(sealed);
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The temporary file as the response's body, written synchronously with its length (no asynchronous streaming,
	 * no chunked encoding); it goes away when the response's stream is closed, written or not (the client left).
	 */
	private static org.springframework.core.io.InputStreamResource body(java.nio.file.Path sealed) {
		try {
			return new org.springframework.core.io.InputStreamResource(java.nio.file.Files.newInputStream(sealed,
					java.nio.file.StandardOpenOption.DELETE_ON_CLOSE));
		}
		catch (IOException ex) {
			TemporaryFiles.delete(sealed);
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
		ApiKeys.Caller caller = caller(authorization);
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

	/** The key of an {@code Authorization: Bearer …} header; null without one. */
	static String bearer(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return authorization.substring(7).trim();
	}

}
