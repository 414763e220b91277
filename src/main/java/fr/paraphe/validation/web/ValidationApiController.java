package fr.paraphe.validation.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import fr.paraphe.validation.internal.PdfValidator;
import fr.paraphe.validation.internal.ValidationReport;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * POST /api/v1/validations: a signed PDF as the multipart part {@code file}, the JSON report back. Public and
 * without CSRF (SecurityConfiguration); rate-limited per client address ({@link RateLimitFilter}); refusals
 * are RFC 9457 problem details ({@link ValidationErrors}).
 */
@RestController
class ValidationApiController {

	private final PdfValidator validator;

	ValidationApiController(PdfValidator validator) {
		this.validator = validator;
	}

	@PostMapping(path = "/api/v1/validations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ValidationReport validate(@RequestParam("file") MultipartFile file, Locale locale,
			jakarta.servlet.http.HttpServletRequest request) throws IOException {
		try (InputStream in = file.getInputStream()) {
			return validator.validate(in, file.getOriginalFilename(), locale, RateLimitFilter.client(request));
		}
	}

}
