package fr.paraphe.signing.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.ApiKeys;
import fr.paraphe.signing.internal.Documents;
import fr.paraphe.signing.SealJobs;

import org.springframework.core.io.InputStreamResource;
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
 * Bulk sealing jobs for a firm's software, with its API key: {@code POST /api/v1/seal-jobs} (up to 1,000 PDFs as
 * multipart parts {@code files}, or one ZIP), {@code GET /api/v1/seal-jobs/{id}} (progress) and
 * {@code GET /api/v1/seal-jobs/{id}/result.zip}. Another firm's job is 404.
 */
@RestController
class SealJobApiController {

	private final ApiKeys apiKeys;

	private final SealJobs jobs;

	private final SealJobPages pages;

	SealJobApiController(ApiKeys apiKeys, SealJobs jobs, SealJobPages pages) {
		this.apiKeys = apiKeys;
		this.jobs = jobs;
		this.pages = pages;
	}

	@PostMapping(path = "/api/v1/seal-jobs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Map<String, Object>> submit(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@RequestParam(required = false) String level, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Float x, @RequestParam(required = false) Float y,
			@RequestParam(required = false) Float width, @RequestParam(required = false) Float height,
			@RequestParam(required = false) String reason, @RequestParam(required = false) Boolean visible,
			@RequestParam(required = false) Boolean certify) {
		ApiKeys.Caller caller = caller(authorization);
		if (idempotencyKey != null && !idempotencyKey.matches("[A-Za-z0-9._:-]{1,100}")) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badIdempotencyKey");
		}
		SealJobs.Settings settings = pages.settings(level, reason, Boolean.TRUE.equals(certify),
				Boolean.TRUE.equals(visible) || (visible == null && page != null), page, x, y, width, height);
		List<SealJobs.Upload> uploads = pages.uploads(files);
		SealJobs.Submitted submitted = jobs.submit(caller.firm(), caller.createdBy(), uploads, settings, idempotencyKey,
				Documents.Channel.API);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/seal-jobs/" + submitted.id()))
			.header("Idempotent-Replayed", String.valueOf(submitted.replayed()))
			.body(pages.json(jobs.status(caller.firm(), caller.createdBy(), submitted.id()),
					"/api/v1/seal-jobs/" + submitted.id() + "/result.zip"));
	}

	@GetMapping(path = "/api/v1/seal-jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> status(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = caller(authorization);
		UUID job = SealJobPages.parseId(id);
		return pages.json(jobs.status(caller.firm(), caller.createdBy(), job), "/api/v1/seal-jobs/" + job + "/result.zip");
	}

	@GetMapping("/api/v1/seal-jobs/{id}/result.zip")
	ResponseEntity<InputStreamResource> result(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable("id") String id) {
		ApiKeys.Caller caller = caller(authorization);
		return pages.zip(caller.firm(), caller.createdBy(), SealJobPages.parseId(id));
	}

	private ApiKeys.Caller caller(String authorization) {
		return apiKeys.authenticate(SealApiController.bearer(authorization))
			.orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "signing.api.unauthorized"));
	}

}
