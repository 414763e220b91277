package fr.paraphe.validation.web;

import java.util.Locale;

import fr.paraphe.validation.internal.DocumentRejectedException;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused document as RFC 9457 problem details, with a French (or English) explanation of the reason and the
 * reason's code in {@code reason}: 413 too large, 422 not a PDF / encrypted / unreadable / too complex, 503 busy.
 */
@RestControllerAdvice(assignableTypes = ValidationApiController.class)
class ValidationErrors {

	private final MessageSource messages;

	ValidationErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(DocumentRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(DocumentRejectedException exception, Locale locale) {
		HttpStatus status = status(exception.reason());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				messages.getMessage("validation.rejected." + exception.reason().name(), null, locale));
		problem.setTitle(messages.getMessage("validation.rejected.title", null, locale));
		problem.setProperty("reason", exception.reason().name());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static HttpStatus status(DocumentRejectedException.Reason reason) {
		return switch (reason) {
			case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
			case CLIENT_BUSY -> HttpStatus.TOO_MANY_REQUESTS;
			default -> HttpStatus.UNPROCESSABLE_CONTENT;
		};
	}

}
