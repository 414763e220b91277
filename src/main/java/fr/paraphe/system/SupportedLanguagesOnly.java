package fr.paraphe.system;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Lets the language switch through only for the languages the interface has ({@code fr}, {@code en}): any
 * other {@code ?lang=} value is ignored rather than stored in the cookie.
 */
final class SupportedLanguagesOnly implements HandlerInterceptor {

	static final Set<String> LANGUAGES = Set.of("fr", "en");

	private final LocaleChangeInterceptor delegate;

	SupportedLanguagesOnly(LocaleChangeInterceptor delegate) {
		this.delegate = delegate;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws jakarta.servlet.ServletException {
		String requested = request.getParameter(delegate.getParamName());
		if (requested != null && LANGUAGES.contains(requested)) {
			return delegate.preHandle(request, response, handler);
		}
		return true;
	}

}
