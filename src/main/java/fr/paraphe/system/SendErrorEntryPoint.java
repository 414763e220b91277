package fr.paraphe.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated API call with an error status, so that the error controller renders it as
 * problem details, rather than a redirect to a login page a program cannot follow.
 */
final class SendErrorEntryPoint implements AuthenticationEntryPoint {

	private final HttpStatus status;

	SendErrorEntryPoint(HttpStatus status) {
		this.status = status;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.sendError(status.value());
	}

}
