package fr.paraphe.validation.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import fr.paraphe.validation.ReportSeal;
import fr.paraphe.validation.internal.DocumentRejectedException;
import fr.paraphe.validation.internal.PdfValidator;
import fr.paraphe.validation.internal.ReportPdf;
import fr.paraphe.validation.internal.ReportSeals;
import fr.paraphe.validation.internal.ValidationReport;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ModelAttribute;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.databind.json.JsonMapper;

/**
 * The public validation page: upload a signed PDF, read the report in plain French, download it as JSON; and the
 * guide to Adobe Reader's signature panel. Nothing is kept: the document and its report live for one request.
 */
@Controller
class ValidationPageController {

	private final PdfValidator validator;

	private final JsonMapper json;

	private final ReportPdf reportPdf;

	private final ReportSeals seals;

	ValidationPageController(PdfValidator validator, JsonMapper json, ReportPdf reportPdf, ReportSeals seals) {
		this.validator = validator;
		this.json = json;
		this.reportPdf = reportPdf;
		this.seals = seals;
	}

	@ModelAttribute("sealAvailable")
	boolean sealAvailable() {
		return seals.current().isPresent();
	}

	@GetMapping("/valider")
	String form() {
		return "validation/validate";
	}

	/**
	 * The report as a PDF sealed by the platform. The document is validated again here: the server never seals a
	 * report it did not produce itself.
	 */
	@PostMapping(path = "/valider", params = "format=pdf")
	Object validateAsSealedPdf(@RequestParam(name = "file", required = false) MultipartFile file, Locale locale,
			Model model, HttpServletResponse response) throws IOException {
		ReportSeal seal = seals.current().orElse(null);
		if (seal == null || file == null || file.isEmpty()) {
			return validate(file, locale, model, response);
		}
		ValidationReport report = report(file, locale, model, response);
		if (report == null) {
			return "validation/validate";
		}
		byte[] pdf = seal.seal(reportPdf.render(report, locale));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(baseName(report.documentName()) + "-rapport-validation.pdf", StandardCharsets.UTF_8)
				.build()
				.toString())
			.body(pdf);
	}

	@PostMapping("/valider")
	String validate(@RequestParam(name = "file", required = false) MultipartFile file, Locale locale, Model model,
			HttpServletResponse response) throws IOException {
		if (file == null || file.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("error", "validation.page.noFile");
			return "validation/validate";
		}
		ValidationReport report = report(file, locale, model, response);
		if (report == null) {
			return "validation/validate";
		}
		model.addAttribute("report", report);
		// The JSON download is a data: link: no script, no state kept on the server.
		String body = json.writerWithDefaultPrettyPrinter().writeValueAsString(report);
		model.addAttribute("jsonHref", "data:application/json;charset=utf-8;base64,"
				+ Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
		model.addAttribute("jsonName", baseName(report.documentName()) + "-rapport-validation.json");
		return "validation/validate";
	}

	@GetMapping("/valider/guide")
	String guide() {
		return "validation/guide";
	}

	private static String baseName(String filename) {
		String name = filename == null ? "document" : filename.replaceAll("(?i)\\.pdf$", "");
		name = name.replaceAll("[^\\p{L}\\p{N}._-]", "_");
		return name.isEmpty() ? "document" : name;
	}

	/**
	 * The uploaded file's report; null for a document the validator rejects, the refusal then set on the response
	 * and the model for the page to show.
	 */
	private ValidationReport report(MultipartFile file, Locale locale, Model model, HttpServletResponse response)
			throws IOException {
		try (InputStream in = file.getInputStream()) {
			return validator.validate(in, file.getOriginalFilename(), locale,
					RateLimitFilter.client(org.springframework.web.context.request.RequestContextHolder
						.currentRequestAttributes() instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
								? attributes.getRequest() : null));
		}
		catch (DocumentRejectedException ex) {
			response.setStatus(ValidationErrors.status(ex.reason()).value());
			model.addAttribute("error", "validation.rejected." + ex.reason().name());
			return null;
		}
	}

}
