package fr.paraphe.system;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.paraphe.shared.ProblemException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an upload over the size limit before anything else reads it: the French page ("Fichier trop
 * volumineux") or, under {@code /api/}, problem details with a body, both from {@link ErrorPages}; never Tomcat's
 * English page or a logged stack trace. A multipart body whose {@code Content-Length} passes the limit is refused
 * from its headers, without reading a byte of it, and the connection is closed (the rest is never swallowed);
 * one without a length (chunked) is parsed here, first, so the parser's size error is answered before a filter
 * (the CSRF token of a form, the session) or a controller trips over it with a response already under way.
 */
@Configuration(proxyBeanMethods = false)
class OversizeUploads extends OncePerRequestFilter {

	private final long maxRequestBytes;

	private final long maxFileMegabytes;

	private final String errorPath;

	OversizeUploads(@Value("${spring.servlet.multipart.max-request-size}") DataSize maxRequest,
			@Value("${spring.servlet.multipart.max-file-size}") DataSize maxFile,
			@Value("${server.error.path:/error}") String errorPath) {
		this.errorPath = errorPath;
		this.maxRequestBytes = maxRequest.toBytes();
		this.maxFileMegabytes = maxFile.toMegabytes();
	}

	@Bean
	static FilterRegistrationBean<OversizeUploads> oversizeUploadsRegistration(OversizeUploads filter) {
		FilterRegistrationBean<OversizeUploads> registration = new FilterRegistrationBean<>(filter);
		// Right after the session (which reads no body), before security and everything else that may read it.
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if (!"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod())
				|| contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
			chain.doFilter(request, response);
			return;
		}
		long length = request.getContentLengthLong();
		if (length > maxRequestBytes) {
			refuse(request, response);
			return;
		}
		if (length < 0) {
			try {
				request.getParts();
			}
			catch (IllegalStateException | IOException | ServletException failure) {
				if (isSizeLimit(failure)) {
					refuse(request, response);
					return;
				}
				// Any other malformed body is answered 400 where it is read (MalformedRequests).
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * Renders the error page here, through a view of the request without its body: Tomcat's own error dispatch
	 * would hand the error page the original request, and the first thing that asks it for a parameter (the
	 * language switch) would try to read the body again.
	 */
	private void refuse(HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpStatus.CONTENT_TOO_LARGE.value());
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
				new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "error.413.upload", maxFileMegabytes));
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		request.getRequestDispatcher(errorPath).forward(new WithoutBody(request), response);
	}

	/** The request with no body, no parameters and no content type: nothing left to parse. */
	private static final class WithoutBody extends HttpServletRequestWrapper {

		WithoutBody(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getContentType() {
			return null;
		}

		@Override
		public String getHeader(String name) {
			return "Content-Type".equalsIgnoreCase(name) || "Content-Length".equalsIgnoreCase(name) ? null
					: super.getHeader(name);
		}

		@Override
		public int getContentLength() {
			return 0;
		}

		@Override
		public long getContentLengthLong() {
			return 0;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new ServletInputStream() {

				@Override
				public int read() {
					return -1;
				}

				@Override
				public boolean isFinished() {
					return true;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new IllegalStateException("No body");
				}

			};
		}

		@Override
		public String getParameter(String name) {
			return null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Map.of();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public String[] getParameterValues(String name) {
			return null;
		}

		@Override
		public Collection<Part> getParts() {
			return List.of();
		}

		@Override
		public Part getPart(String name) {
			return null;
		}

	}

	/** Whether the parser refused the body for its size (Tomcat's file upload size exceptions). */
	private static boolean isSizeLimit(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause.getClass().getName().contains("SizeLimitExceeded")
					|| cause.getClass().getName().endsWith("SizeException")) {
				return true;
			}
		}
		return false;
	}

}
