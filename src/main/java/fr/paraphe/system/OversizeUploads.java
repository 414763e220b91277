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

	private final long largeRequestBytes;

	private final List<String> largeRequestPaths;

	private final long maxFileMegabytes;

	private final String errorPath;

	/**
	 * @param maxRequest the limit of a multipart body, except under {@code largePaths}
	 * @param largeRequest the parser's own limit, {@code spring.servlet.multipart.max-request-size}: the limit
	 * under {@code largePaths} (collections take several documents of up to 50 MB each)
	 */
	OversizeUploads(@Value("${paraphe.upload.max-request-size:${spring.servlet.multipart.max-request-size}}") DataSize maxRequest,
			@Value("${spring.servlet.multipart.max-request-size}") DataSize largeRequest,
			@Value("${paraphe.upload.large-request-paths:}") List<String> largePaths,
			@Value("${spring.servlet.multipart.max-file-size}") DataSize maxFile,
			@Value("${server.error.path:/error}") String errorPath) {
		this.errorPath = errorPath;
		this.maxRequestBytes = Math.min(maxRequest.toBytes(), largeRequest.toBytes());
		this.largeRequestBytes = largeRequest.toBytes();
		this.largeRequestPaths = largePaths.stream().filter(path -> !path.isBlank()).map(String::strip).toList();
		this.maxFileMegabytes = maxFile.toMegabytes();
	}

	/** The limit of a multipart body on this path. */
	private long limitOf(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (String large : largeRequestPaths) {
			if (path.equals(large) || path.startsWith(large + "/")) {
				return largeRequestBytes;
			}
		}
		return maxRequestBytes;
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
		long limit = limitOf(request);
		if (length > limit) {
			refuse(request, response);
			return;
		}
		// Parsed here, first, so that what the parser refuses is answered here, before a filter (the CSRF token of a
		// form) trips over it: the size of a chunked body; thousands of tiny parts (server.tomcat.max-part-count).
		try {
			long total = 0;
			for (Part part : request.getParts()) {
				total += part.getSize();
			}
			if (total > limit) {
				refuse(request, response);
				return;
			}
		}
		catch (IllegalStateException | IOException | ServletException failure) {
			if (isSizeLimit(failure)) {
				refuse(request, response);
				return;
			}
			if (isCountLimit(failure)) {
				answer(request, response, HttpStatus.BAD_REQUEST, "error.400.tooManyParts");
				return;
			}
			// Any other malformed body is answered 400 where it is read (MalformedRequests).
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
		answer(request, response, HttpStatus.CONTENT_TOO_LARGE, "error.413.upload", maxFileMegabytes);
	}

	private void answer(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String key,
			Object... arguments) throws IOException, ServletException {
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status.value());
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new ProblemException(status, key, arguments));
		response.setStatus(status.value());
		request.getRequestDispatcher(errorPath).forward(new WithoutBody(request), response);
	}

	/** Whether the parser refused the body for its number of parts (Tomcat's FileCountLimitExceededException). */
	private static boolean isCountLimit(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause.getClass().getName().endsWith("FileCountLimitExceededException")) {
				return true;
			}
		}
		return false;
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
