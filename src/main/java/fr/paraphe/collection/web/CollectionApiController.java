package fr.paraphe.collection.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.collection.internal.Collection;
import fr.paraphe.collection.internal.CollectionStatus;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.DraftRequest;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.ApiKeys;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/collections}: a firm's software creates, launches, cancels and follows signature collections with
 * the firm's API key ({@code Authorization: Bearer …}); the key acts as the user who created it, whose delegations
 * (PREPARE to create, LAUNCH to launch and cancel) are checked at each call. Errors are problem details; another
 * firm's collection is 404.
 */
@RestController
class CollectionApiController {

	private final ApiKeys apiKeys;

	private final Collections collections;

	private final JsonMapper json;

	CollectionApiController(ApiKeys apiKeys, Collections collections, JsonMapper json) {
		this.apiKeys = apiKeys;
		this.collections = collections;
		this.json = json;
	}

	@PostMapping(path = "/api/v1/collections", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Map<String, Object>> create(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@RequestParam(name = "collection", required = false) String collection, HttpServletRequest request) {
		ApiKeys.Caller caller = caller(authorization);
		if (collection == null || collection.isBlank()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.noCollection");
		}
		DraftRequest draft;
		try {
			draft = json.readValue(collection, DraftRequest.class);
		}
		catch (JacksonException unreadable) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badJson");
		}
		List<Collections.Upload> uploads = uploads(files);
		Collections.Outcome outcome = collections.create(caller.createdBy(), caller.firm(), draft, uploads,
				idempotencyKey, origin(request));
		return ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.header(HttpHeaders.LOCATION, "/api/v1/collections/" + outcome.collection().id())
			.body(view(collections, outcome.collection()));
	}

	@PostMapping("/api/v1/collections/{id}/launch")
	ResponseEntity<Map<String, Object>> launch(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, @PathVariable("id") String id,
			HttpServletRequest request) {
		ApiKeys.Caller caller = caller(authorization);
		Collections.Outcome outcome = collections.launch(caller.createdBy(), caller.firm(), uuid(id), idempotencyKey,
				origin(request));
		return ResponseEntity.ok()
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.body(view(collections, outcome.collection()));
	}

	/** Cancels, with an optional JSON body {@code {"reason": "…"}}. */
	@PostMapping("/api/v1/collections/{id}/cancel")
	Map<String, Object> cancel(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id, @RequestBody(required = false) String body, HttpServletRequest request) {
		ApiKeys.Caller caller = caller(authorization);
		String reason = null;
		if (body != null && !body.isBlank()) {
			try {
				var node = json.readTree(body);
				reason = node.has("reason") && node.get("reason").isString() ? node.get("reason").asString() : null;
			}
			catch (JacksonException unreadable) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badJson");
			}
		}
		return view(collections, collections.cancel(caller.createdBy(), caller.firm(), uuid(id), reason, origin(request)));
	}

	@GetMapping("/api/v1/collections/{id}")
	Map<String, Object> find(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = caller(authorization);
		return view(collections, collections.find(caller.createdBy(), caller.firm(), uuid(id)));
	}

	@GetMapping("/api/v1/collections")
	Map<String, Object> list(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "status", required = false) String status) {
		ApiKeys.Caller caller = caller(authorization);
		CollectionStatus wanted = null;
		if (status != null && !status.isBlank()) {
			try {
				wanted = CollectionStatus.valueOf(status.strip());
			}
			catch (IllegalArgumentException unknown) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badStatus");
			}
		}
		return Map.of("collections", collections.list(caller.createdBy(), caller.firm(), wanted, null, null, null)
			.stream()
			.map(one -> view(collections, one))
			.toList());
	}

	@GetMapping("/api/v1/collections/{id}/documents/{number}")
	ResponseEntity<byte[]> document(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id, @PathVariable("number") String number) {
		ApiKeys.Caller caller = caller(authorization);
		int n;
		try {
			n = Integer.parseInt(number);
		}
		catch (NumberFormatException notANumber) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument");
		}
		var version = collections.document(caller.createdBy(), caller.firm(), uuid(id), n);
		return pdf(version.pdf(), version.fileName());
	}

	@GetMapping("/api/v1/collections/{id}/evidence")
	ResponseEntity<byte[]> evidence(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, @PathVariable("id") String id) {
		ApiKeys.Caller caller = caller(authorization);
		if (accept != null && accept.contains(MediaType.APPLICATION_PDF_VALUE)) {
			return pdf(collections.evidencePdf(caller.createdBy(), caller.firm(), uuid(id)), "preuves-" + id + ".pdf");
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(collections.evidenceJson(caller.createdBy(), caller.firm(), uuid(id)));
	}

	static ResponseEntity<byte[]> pdf(byte[] pdf, String name) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.body(pdf);
	}

	static Collections.Origin origin(HttpServletRequest request) {
		return new Collections.Origin(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
	}

	private ApiKeys.Caller caller(String authorization) {
		return caller(apiKeys, authorization);
	}

	/** The API key's caller. @throws ProblemException 401 */
	static ApiKeys.Caller caller(ApiKeys apiKeys, String authorization) {
		String secret = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				? authorization.substring(7).trim() : null;
		return apiKeys.authenticate(secret)
			.orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "signing.api.unauthorized"));
	}

	static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException notAnId) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "collection.error.notFound");
		}
	}

	/** The uploaded PDFs of a multipart request (empty parts left out). */
	static List<Collections.Upload> uploads(List<MultipartFile> files) {
		List<Collections.Upload> uploads = new ArrayList<>();
		for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
			if (!file.isEmpty()) {
				try {
					uploads.add(new Collections.Upload(file.getOriginalFilename(), file.getBytes()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return uploads;
	}

	/** The collection's JSON: never a signer's link or code. */
	static Map<String, Object> view(Collections collections, Collection collection) {
		Map<UUID, fr.paraphe.collection.internal.SignerOptions> options = collections.optionsOf(collection.id());
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", collection.id());
		view.put("status", collection.status().name());
		view.put("title", collection.title());
		view.put("message", collection.message());
		view.put("order", collection.order().name());
		view.put("deadline", collection.deadline());
		view.put("reminderDays", collection.reminderDays());
		view.put("seal", collection.seal());
		view.put("comment", collection.comment());
		view.put("createdAt", collection.createdAt());
		view.put("launchedAt", collection.launchedAt());
		view.put("endedAt", collection.endedAt());
		view.put("documents", collection.documents()
			.stream()
			.map(document -> Map.of("number", document.number(), "fileName", document.fileName(), "version",
					document.version(), "sha256", document.sha256()))
			.toList());
		view.put("signers", collection.signers().stream().map(signer -> {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("id", signer.id());
			one.put("position", signer.position());
			one.put("step", signer.step());
			one.put("kind", signer.kind().name());
			one.put("name", signer.displayName());
			one.put("email", signer.email());
			one.put("phone", signer.phone());
			one.put("userId", signer.userId() == null ? null : signer.userId().value());
			one.put("channel", signer.channel().name());
			one.put("status", signer.status().name());
			one.put("invitedAt", signer.invitedAt());
			one.put("finishedAt", signer.finishedAt());
			one.put("declineReason", signer.declineReason());
			one.put("places", signer.places());
			one.put("options", options.getOrDefault(signer.id(), fr.paraphe.collection.internal.SignerOptions.NONE));
			return one;
		}).toList());
		view.put("copies", collection.copies());
		return view;
	}

}
