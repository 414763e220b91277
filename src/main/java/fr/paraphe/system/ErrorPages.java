package fr.paraphe.system;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.paraphe.shared.ProblemException;

import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionSystemException;
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

	/**
	 * Whether the error comes from a lost or refused database connection rather than from the request or a bug:
	 * Spring's transient and resource-failure exceptions, the JDBC transient and recoverable ones, and SQL states
	 * of class 08 (connection exception) or 57P (PostgreSQL's operator intervention: a terminated backend, a
	 * shutdown), anywhere in the chain of causes.
	 * <p>
	 * A transaction whose statement lost its connection then fails to roll back: HikariCP has already replaced the
	 * broken connection by a closed one, whose {@code rollback()} throws a bare "Connection is closed" (no SQL state),
	 * and Spring throws that {@link TransactionSystemException} with the statement's failure kept aside as its
	 * application exception, not as its cause. That failure is what the request met, so it decides (the chaos run's
	 * 500s: API keys, rate limits, sessions found or saved, a page's session saved while Thymeleaf flushed it): a
	 * rollback that failed after a bug (a {@link NullPointerException}) stays a 500. When the commit itself lost the
	 * connection, Spring throws the rollback's failure with nothing aside: a commit or rollback that failed with an
	 * SQL exception without SQL state is that closed connection.
	 */
	static boolean lostDatabase(Throwable error) {
		return lostDatabase(error, 0);
	}

	private static boolean lostDatabase(Throwable error, int depth) {
		for (Throwable cause = error; cause != null && depth < 32; cause = cause.getCause() == cause ? null : cause.getCause(), depth++) {
			if (cause instanceof org.springframework.dao.TransientDataAccessResourceException
					|| cause instanceof org.springframework.dao.DataAccessResourceFailureException
					|| cause instanceof org.springframework.transaction.CannotCreateTransactionException
					|| cause instanceof java.sql.SQLTransientConnectionException
					|| cause instanceof java.sql.SQLNonTransientConnectionException
					|| cause instanceof java.sql.SQLRecoverableException) {
				return true;
			}
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
			if (cause instanceof TransactionSystemException failed) {
				if (failed.getApplicationException() != null) {
					// What the transaction met first decides: a bug (a NullPointerException) stays a 500.
					return lostDatabase(failed.getApplicationException(), depth + 1);
				}
				if (failed.getCause() instanceof java.sql.SQLException closed && closed.getSQLState() == null) {
					// A commit that failed (already translated: a lost connection) and whose rollback then failed:
					// Spring throws the rollback's failure alone. A JDBC commit or rollback fails with no SQL state
					// only on a connection HikariCP closed after a connection error.
					return true;
				}
			}
		}
		return false;
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
