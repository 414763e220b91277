package fr.paraphe.collection.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.Models;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.ApiKeys;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models and duplicates through the API: {@code POST /api/v1/collections/{id}/model} saves a collection as a model,
 * {@code POST /api/v1/collections/{id}/duplicate} copies it as a new draft, {@code GET /api/v1/collection-models}
 * lists the firm's models, {@code POST /api/v1/collection-models/{id}/collections} (multipart {@code files}, optional
 * {@code title}) creates a draft from a model on new PDFs of the same layout, {@code DELETE} removes a model.
 */
@RestController
class ModelApiController {

	private final ApiKeys apiKeys;

	private final Models models;

	private final JsonMapper json;

	private final Collections collections;

	ModelApiController(ApiKeys apiKeys, Models models, JsonMapper json, Collections collections) {
		this.collections = collections;
		this.apiKeys = apiKeys;
		this.models = models;
		this.json = json;
	}

	@PostMapping("/api/v1/collections/{id}/model")
	ResponseEntity<Map<String, Object>> save(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id, @RequestBody(required = false) String body) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		String name = null;
		if (body != null && !body.isBlank()) {
			try {
				JsonNode node = json.readTree(body);
				name = node.has("name") && node.get("name").isString() ? node.get("name").asString() : null;
			}
			catch (JacksonException unreadable) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badJson");
			}
		}
		Models.Model model = models.save(caller.createdBy(), caller.firm(), CollectionApiController.uuid(id), name);
		return ResponseEntity.status(HttpStatus.CREATED)
			.header(HttpHeaders.LOCATION, "/api/v1/collection-models/" + model.id())
			.body(view(model));
	}

	@PostMapping("/api/v1/collections/{id}/duplicate")
	ResponseEntity<Map<String, Object>> duplicate(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id, HttpServletRequest request) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		var copy = models.duplicate(caller.createdBy(), caller.firm(), CollectionApiController.uuid(id),
				CollectionApiController.origin(request));
		return ResponseEntity.status(HttpStatus.CREATED)
			.header(HttpHeaders.LOCATION, "/api/v1/collections/" + copy.id())
			.body(CollectionApiController.view(collections, copy));
	}

	@GetMapping("/api/v1/collection-models")
	Map<String, Object> list(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		return Map.of("models", models.list(caller.createdBy(), caller.firm()).stream().map(ModelApiController::view).toList());
	}

	@GetMapping("/api/v1/collection-models/{id}")
	Map<String, Object> find(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		return view(models.find(caller.createdBy(), caller.firm(), modelId(id)));
	}

	@DeleteMapping("/api/v1/collection-models/{id}")
	ResponseEntity<Void> delete(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		models.delete(caller.createdBy(), caller.firm(), modelId(id));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/api/v1/collection-models/{id}/collections", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Map<String, Object>> create(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id, @RequestParam(name = "files", required = false) List<MultipartFile> files,
			@RequestParam(name = "title", required = false) String title, HttpServletRequest request) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		Collections.Outcome outcome = models.createFrom(caller.createdBy(), caller.firm(), modelId(id), title,
				CollectionApiController.uploads(files), CollectionApiController.origin(request));
		return ResponseEntity.status(HttpStatus.CREATED)
			.header(HttpHeaders.LOCATION, "/api/v1/collections/" + outcome.collection().id())
			.body(CollectionApiController.view(collections, outcome.collection()));
	}

	/** The non-empty files of a multipart request. */
	private static java.util.UUID modelId(String id) {
		try {
			return java.util.UUID.fromString(id);
		}
		catch (IllegalArgumentException notAnId) {
			throw Models.notFound();
		}
	}

	static Map<String, Object> view(Models.Model model) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", model.id());
		view.put("name", model.name());
		view.put("createdAt", model.createdAt());
		view.put("documents", model.documents());
		view.put("layout", model.layout());
		view.put("collection", model.request());
		return view;
	}

}
