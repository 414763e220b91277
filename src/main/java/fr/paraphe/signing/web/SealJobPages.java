package fr.paraphe.signing.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.TemporaryFiles;
import fr.paraphe.signing.SealJobs;
import fr.paraphe.signing.internal.PdfBundle;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * What the API and the /cachet page share: reading the uploads (parts or one ZIP), the settings, the job as
 * JSON, the result's download.
 */
@org.springframework.stereotype.Component
class SealJobPages {

	private final SealJobs jobs;

	private final MessageSource messages;

	private final TemporaryFiles temporary;

	private final SignatureLevel defaultLevel;

	private final long maxZipBytes;

	SealJobPages(SealJobs jobs, MessageSource messages, TemporaryFiles temporary,
			@Value("${paraphe.signing.default-level:B_LT}") String defaultLevel,
			@Value("${paraphe.signing.seal-jobs.max-zip-expanded:200MB}") DataSize maxZipBytes) {
		this.jobs = jobs;
		this.messages = messages;
		this.temporary = temporary;
		this.defaultLevel = SignatureLevel.parse(defaultLevel).orElse(SignatureLevel.B_LT);
		this.maxZipBytes = maxZipBytes.toBytes();
	}

	SealJobs.Settings settings(String level, String reason, boolean certify, boolean visible, Integer page, Float x,
			Float y, Float width, Float height) {
		SignatureLevel chosen = level == null || level.isBlank() ? defaultLevel
				: SignatureLevel.parse(level)
					.orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badLevel"));
		String why = reason == null || reason.isBlank() ? null : reason.strip();
		if (why != null && why.length() > fr.paraphe.pades.SignatureParameters.MAX_TEXT) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.jobs.reasonTooLong");
		}
		return new SealJobs.Settings(chosen, why, certify, visible, visible ? page : null, visible ? x : null,
				visible ? y : null, visible ? width : null, visible ? height : null);
	}

	/** The PDFs of the request: its parts, or the PDFs of its only part if that is a ZIP. */
	List<SealJobs.Upload> uploads(List<MultipartFile> files) {
		List<MultipartFile> sent = files == null ? List.of() : files.stream().filter(file -> !file.isEmpty()).toList();
		if (sent.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.jobs.noFile");
		}
		try {
			List<PdfBundle.File> pdfs;
			if (sent.size() == 1 && PdfBundle.isZip(head(sent.get(0)))) {
				try (InputStream zip = sent.get(0).getInputStream()) {
					pdfs = PdfBundle.unzip(zip, sent.get(0).getSize(), SealJobs.MAX_DOCUMENTS, maxZipBytes);
				}
			}
			else {
				if (sent.size() > SealJobs.MAX_DOCUMENTS) {
					throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "signing.jobs.tooMany",
							String.valueOf(SealJobs.MAX_DOCUMENTS));
				}
				List<PdfBundle.File> parts = new ArrayList<>(sent.size());
				for (MultipartFile file : sent) {
					parts.add(new PdfBundle.File(file.getOriginalFilename(), file.getBytes()));
				}
				pdfs = PdfBundle.files(parts, SealJobs.MAX_DOCUMENTS);
			}
			return pdfs.stream().map(pdf -> new SealJobs.Upload(fileName(pdf.name()), pdf.content())).toList();
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	private static String fileName(String name) {
		String kept = name == null || name.isBlank() ? "document.pdf" : name.replaceAll("\\p{Cntrl}", "_");
		kept = kept.substring(Math.max(kept.lastIndexOf('/'), kept.lastIndexOf('\\')) + 1);
		return kept.length() > 200 ? kept.substring(0, 200) : kept;
	}

	private static byte[] head(MultipartFile file) throws IOException {
		try (InputStream in = file.getInputStream()) {
			return in.readNBytes(4);
		}
	}

	/** The job as JSON: progress, per-document errors in the caller's language, the result's link once ended. */
	Map<String, Object> json(SealJobs.Status status, String resultPath) {
		java.util.Locale locale = LocaleContextHolder.getLocale();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", status.id().toString());
		json.put("status", status.status());
		json.put("total", status.total());
		json.put("done", status.done());
		json.put("failed", status.failed());
		json.put("pending", status.total() - status.done() - status.failed());
		json.put("level", SignatureLevel.valueOf(status.level()).etsiName());
		json.put("createdAt", status.createdAt().toString());
		json.put("finishedAt", status.finishedAt() == null ? null : status.finishedAt().toString());
		if (status.finished() && !status.expired()) {
			json.put("result", resultPath);
		}
		List<Map<String, Object>> errors = new ArrayList<>();
		for (SealJobs.DocumentStatus document : status.documents()) {
			if ("FAILED".equals(document.status())) {
				Map<String, Object> error = new LinkedHashMap<>();
				error.put("index", document.index());
				error.put("name", document.fileName());
				error.put("code", document.errorKey());
				error.put("detail", messages.getMessage(document.errorKey(), null, document.errorKey(), locale));
				errors.add(error);
			}
		}
		json.put("errors", errors);
		return json;
	}

	ResponseEntity<InputStreamResource> zip(fr.paraphe.shared.FirmId firm, fr.paraphe.shared.UserId actor, UUID id) {
		Path file = temporary.create("paraphe-seal-job-");
		try {
			jobs.result(firm, actor, id, file);
			return ResponseEntity.ok()
				.contentType(MediaType.parseMediaType("application/zip"))
				.contentLength(Files.size(file))
				.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
					.filename("lot-" + id + ".zip")
					.build()
					.toString())
				.body(new InputStreamResource(Files.newInputStream(file, java.nio.file.StandardOpenOption.DELETE_ON_CLOSE)));
		}
		catch (IOException failure) {
			TemporaryFiles.delete(file);
			throw new UncheckedIOException(failure);
		}
		catch (RuntimeException | Error failure) {
			TemporaryFiles.delete(file);
			throw failure;
		}
	}

	static UUID parseId(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException notAnId) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "signing.jobs.notFound");
		}
	}

}
