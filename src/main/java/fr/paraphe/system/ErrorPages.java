package fr.paraphe.system;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.paraphe.shared.ProblemException;
import fr.paraphe.system.internal.LostDatabase;

import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Controller;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Every error that reaches the servlet container ends here: under {@code /api/} as RFC 9457 problem details,
 * elsewhere as a French (or English) page. Neither ever shows an exception, its message or a stack trace:
 * the text comes from the message bundle, chosen by status and, for a few known causes, by cause.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorPages implements ErrorController {

	static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	private final ErrorAttributes errorAttributes;

	private final MessageSource messages;

	ErrorPages(ErrorAttributes errorAttributes, MessageSource messages) {
		this.errorAttributes = errorAttributes;
		this.messages = messages;
	}

	@RequestMapping
	Object error(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = status(request);
		Locale locale = RequestContextUtils.getLocale(request);
		String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		Throwable error = errorAttributes.getError(new ServletWebRequest(request));
		if (status == HttpStatus.INTERNAL_SERVER_ERROR && MalformedRequests.isMalformedBody(error)) {
			// Thrown while a filter read the parameters (e.g. the CSRF token of a multipart form): the client's fault.
			status = HttpStatus.BAD_REQUEST;
		}
		if (status == HttpStatus.INTERNAL_SERVER_ERROR && lostDatabase(error)) {
			// The database connection broke under the request (a node of the database restarting, a connection
			// cut): its transaction was rolled back, so the same request can simply be sent again.
			status = HttpStatus.SERVICE_UNAVAILABLE;
			response.setHeader("Retry-After", "2");
		}
		String title = messages.getMessage("error." + status.value() + ".title", null,
				messages.getMessage("error.default.title", null, locale), locale);
		String fallback = messages.getMessage("error.default.detail", null, locale);
		String detail = (error instanceof ProblemException problem)
				? messages.getMessage(problem.messageKey(), problem.arguments(), fallback, locale)
				: messages.getMessage(messageKey(status, error), null, fallback, locale);
		if (isApi(uri, request)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
			problem.setTitle(title);
			if (error instanceof ProblemException withLink && withLink.linkPath() != null) {
				problem.setProperty("link", withLink.linkPath());
			}
			if (uri != null) {
				problem.setInstance(URI.create(uri.replaceAll("[^A-Za-z0-9/._~-]", "_")));
			}
			return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(problem);
		}
		ModelAndView page = new ModelAndView("error");
		if (error instanceof ProblemException withLink && withLink.linkPath() != null) {
			page.addObject("link", withLink.linkPath());
			page.addObject("linkText", messages.getMessage(withLink.linkTextKey(), null, withLink.linkPath(), locale));
		}
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("title", title);
		page.addObject("detail", detail);
		return page;
	}

	private static boolean isApi(String uri, HttpServletRequest request) {
		if (uri != null && (uri.startsWith("/api/") || uri.startsWith("/actuator/"))) {
			return true;
		}
		String accept = request.getHeader("Accept");
		return accept != null && !accept.contains("text/html")
				&& (accept.contains("application/json") || accept.contains("application/problem+json"));
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/** Whether the error comes from a lost or refused database connection: see {@link LostDatabase}. */
	static boolean lostDatabase(Throwable error) {
		return LostDatabase.isCause(error);
	}

	private static String messageKey(HttpStatus status, Throwable error) {
		if (error instanceof HttpMessageNotReadableException) {
			return "error.400.unreadable";
		}
		if (error instanceof HttpMediaTypeNotSupportedException) {
			return "error.415.detail";
		}
		return "error." + status.value() + ".detail";
	}

}
