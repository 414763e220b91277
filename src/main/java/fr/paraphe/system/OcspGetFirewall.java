package fr.paraphe.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall everywhere, except that the GET form of OCSP may carry an encoded slash: RFC
 * 6960 Appendix A.1 and RFC 5019 §5 ask clients to URL-encode the base64 request, whose '/' becomes {@code %2F}.
 * Tomcat passes {@code %2F} through undecoded (so it never separates path segments) and the OCSP controller
 * decodes it. Anywhere else an encoded slash is still refused with a 400.
 */
final class OcspGetFirewall implements HttpFirewall {

	static final String OCSP_GET_PREFIX = "/pki/ocsp/";

	private final StrictHttpFirewall strict = new StrictHttpFirewall();

	private final StrictHttpFirewall ocspGet = new StrictHttpFirewall();

	OcspGetFirewall() {
		ocspGet.setAllowUrlEncodedSlash(true);
		// Left encoded by Tomcat, "%2F" reaches the servlet path as it is: its '%' is not a decoded one.
		ocspGet.setAllowUrlEncodedPercent(true);
	}

	@Override
	public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
		boolean ocsp = "GET".equals(request.getMethod()) && request.getRequestURI() != null
				&& request.getRequestURI().startsWith(request.getContextPath() + OCSP_GET_PREFIX);
		return (ocsp ? ocspGet : strict).getFirewalledRequest(request);
	}

	@Override
	public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
		return strict.getFirewalledResponse(response);
	}

	/** Tomcat leaves {@code %2F} encoded in the path instead of refusing the request. */
	static WebServerFactoryCustomizer<TomcatServletWebServerFactory> passEncodedSlashes() {
		return factory -> factory.addConnectorCustomizers(connector -> connector
			.setEncodedSolidusHandling(org.apache.tomcat.util.buf.EncodedSolidusHandling.PASS_THROUGH.getValue()));
	}

}
