package fr.paraphe.collection.web;

import java.util.Map;
import java.util.UUID;

import fr.paraphe.collection.internal.Collection;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.DraftEdits;
import fr.paraphe.collection.internal.DraftRequest;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.ApiKeys;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Edits and deletions of drafts through the API: {@code PUT /api/v1/collections/{id}} (the whole draft, as the
 * {@code collection} part of a creation), {@code PATCH} (a JSON merge patch, RFC 7396, on that same JSON: the fields
 * given replace the draft's, {@code null} resets one to its default) and {@code DELETE}. PREPARE delegation or owner;
 * only a draft (409 otherwise); another firm's is 404.
 */
@RestController
class DraftApiController {

	private final ApiKeys apiKeys;

	private final Collections collections;

	private final DraftEdits edits;

	private final JsonMapper json;

	DraftApiController(ApiKeys apiKeys, Collections collections, DraftEdits edits, JsonMapper json) {
		this.apiKeys = apiKeys;
		this.collections = collections;
		this.edits = edits;
		this.json = json;
	}

	@PutMapping("/api/v1/collections/{id}")
	Map<String, Object> replace(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id, @RequestBody(required = false) String body, HttpServletRequest request) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		UUID collection = CollectionApiController.uuid(id);
		DraftRequest draft = read(tree(body));
		return CollectionApiController.view(collections, edits.update(caller.createdBy(), caller.firm(), collection, draft,
				CollectionApiController.origin(request)));
	}

	@PatchMapping("/api/v1/collections/{id}")
	Map<String, Object> patch(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id, @RequestBody(required = false) String body, HttpServletRequest request) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		UUID collection = CollectionApiController.uuid(id);
		JsonNode patch = tree(body);
		Collection current = collections.find(caller.createdBy(), caller.firm(), collection);
		JsonNode merged = merge(json.valueToTree(edits.asRequest(current)), patch);
		return CollectionApiController.view(collections, edits.update(caller.createdBy(), caller.firm(), collection, read(merged),
				CollectionApiController.origin(request)));
	}

	@DeleteMapping("/api/v1/collections/{id}")
	ResponseEntity<Void> delete(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id, HttpServletRequest request) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		edits.delete(caller.createdBy(), caller.firm(), CollectionApiController.uuid(id),
				CollectionApiController.origin(request));
		return ResponseEntity.noContent().build();
	}

	private JsonNode tree(String body) {
		if (body == null || body.isBlank()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.noCollection");
		}
		try {
			JsonNode node = json.readTree(body);
			if (!node.isObject()) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badJson");
			}
			return node;
		}
		catch (JacksonException unreadable) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badJson");
		}
	}

	private DraftRequest read(JsonNode node) {
		try {
			return json.treeToValue(node, DraftRequest.class);
		}
		catch (JacksonException unreadable) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badJson");
		}
	}

	/** RFC 7396: objects merge member by member, {@code null} removes, anything else replaces. */
	static JsonNode merge(JsonNode target, JsonNode patch) {
		if (!patch.isObject()) {
			return patch;
		}
		ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
				: JsonMapper.shared().createObjectNode();
		for (Map.Entry<String, JsonNode> member : patch.properties()) {
			if (member.getValue().isNull()) {
				result.remove(member.getKey());
			}
			else {
				result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
			}
		}
		return result;
	}

}
