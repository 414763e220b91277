package fr.paraphe.collection.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.collection.internal.Batches;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.CollectionStatus;
import fr.paraphe.signing.ApiKeys;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/collection-batches}: a batch of collections from a CSV of clients (multipart: {@code csv}, and
 * {@code model} or {@code draft}, optional {@code title}, {@code files} the same PDFs for all or {@code zip} one PDF
 * per client), its summary, and its launch. A CSV with errors is refused whole: the problem details list each
 * line's error ({@code errors[]}: {@code line}, {@code message}).
 */
@RestController
class BatchApiController {

	private final ApiKeys apiKeys;

	private final Batches batches;

	private final MessageSource messages;

	private final Collections collections;

	BatchApiController(ApiKeys apiKeys, Batches batches, MessageSource messages, Collections collections) {
		this.collections = collections;
		this.apiKeys = apiKeys;
		this.batches = batches;
		this.messages = messages;
	}

	@PostMapping(path = "/api/v1/collection-batches", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Map<String, Object>> create(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "csv", required = false) MultipartFile csv,
			@RequestParam(name = "model", required = false) String model,
			@RequestParam(name = "draft", required = false) String draft,
			@RequestParam(name = "title", required = false) String title,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@RequestParam(name = "zip", required = false) MultipartFile zip, HttpServletRequest request) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		UUID batch = batches.create(caller.createdBy(), caller.firm(), input(model, draft, title, csv, files, zip),
				CollectionApiController.origin(request));
		return ResponseEntity.status(HttpStatus.CREATED)
			.header(HttpHeaders.LOCATION, "/api/v1/collection-batches/" + batch)
			.body(view(batches.summary(caller.createdBy(), caller.firm(), batch)));
	}

	/** The form's or the API's parts as a batch's input. */
	static Batches.Input input(String model, String draft, String title, MultipartFile csv, List<MultipartFile> files,
			MultipartFile zip) {
		try {
			return new Batches.Input(id(model), id(draft), title, csv == null || csv.isEmpty() ? null : csv.getBytes(),
					CollectionApiController.uploads(files), zip == null || zip.isEmpty() ? null : zip.getBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static UUID id(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException notAnId) {
			throw Batches.notFound();
		}
	}

	@GetMapping("/api/v1/collection-batches/{id}")
	Map<String, Object> find(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		return view(batches.summary(caller.createdBy(), caller.firm(), batchId(id)));
	}

	@PostMapping("/api/v1/collection-batches/{id}/launch")
	Map<String, Object> launch(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id, HttpServletRequest request) {
		ApiKeys.Caller caller = CollectionApiController.caller(apiKeys, authorization);
		batches.launch(caller.createdBy(), caller.firm(), batchId(id), CollectionApiController.origin(request));
		return view(batches.summary(caller.createdBy(), caller.firm(), batchId(id)));
	}

	/** A refused CSV: every line's error, in the request's language. */
	@ExceptionHandler(Batches.Refused.class)
	ResponseEntity<ProblemDetail> refused(Batches.Refused refused, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				messages.getMessage(refused.messageKey(), refused.arguments(), locale));
		problem.setTitle(messages.getMessage("error.400.title", null, locale));
		problem.setProperty("errors", lines(refused, messages, locale));
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** Each error as {@code line} and {@code message}. */
	static List<Map<String, Object>> lines(Batches.Refused refused, MessageSource messages, Locale locale) {
		return refused.errors().stream().map(error -> {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("line", error.line());
			one.put("message", messages.getMessage(error.key(), error.arguments().toArray(), locale));
			return one;
		}).toList();
	}

	private static UUID batchId(String id) {
		UUID value = id(id);
		if (value == null) {
			throw Batches.notFound();
		}
		return value;
	}

	Map<String, Object> view(Batches.Summary summary) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", summary.id());
		view.put("title", summary.title());
		view.put("createdAt", summary.createdAt());
		view.put("launchedAt", summary.launchedAt());
		view.put("total", summary.collections().size());
		view.put("sent", summary.sent());
		view.put("signed", summary.count(CollectionStatus.COMPLETED));
		view.put("declined", summary.count(CollectionStatus.DECLINED));
		view.put("expired", summary.count(CollectionStatus.EXPIRED));
		view.put("inProgress", summary.count(CollectionStatus.IN_PROGRESS));
		view.put("cancelled", summary.count(CollectionStatus.CANCELLED));
		view.put("drafts", summary.count(CollectionStatus.DRAFT));
		view.put("collections", summary.collections().stream().map(one -> CollectionApiController.view(collections, one)).toList());
		return view;
	}

}
