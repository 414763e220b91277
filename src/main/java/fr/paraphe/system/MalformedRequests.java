package fr.paraphe.system;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.WebUtils;

/**
 * A multipart body that does not parse (no closing boundary, no boundary at all) is the client's fault: 400,
 * shown by {@link ErrorPages} (problem details on the API, a French page elsewhere), not a 500 with a logged
 * stack trace. A body over the size limit is 413.
 */
@Component
class MalformedRequests implements HandlerExceptionResolver, Ordered {

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception exception) {
		if (!(exception instanceof MultipartException)) {
			return null;
		}
		// Kept for the error dispatch: Spring then knows the body failed to parse and does not parse it again
		// (which would fail again, inside the error dispatch, and leave an empty answer).
		request.setAttribute(WebUtils.ERROR_EXCEPTION_ATTRIBUTE, exception);
		if (response.isCommitted()) {
			// The client hung up in the middle of its upload: no one is left to answer.
			return new ModelAndView();
		}
		try {
			response.sendError(exception instanceof MaxUploadSizeExceededException ? 413 : 400);
		}
		catch (IOException gone) {
			throw new UncheckedIOException(gone);
		}
		return new ModelAndView();
	}

	/** Whether {@code error}, or one of its causes, says the request body was malformed. */
	static boolean isMalformedBody(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getName();
			if (cause instanceof MultipartException || name.startsWith("org.apache.tomcat.util.http.fileupload.")
					|| name.equals("org.apache.tomcat.util.http.InvalidParameterException")) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
