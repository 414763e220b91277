package fr.paraphe.system.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The page of the errors Tomcat answers itself, before the application sees the request (a request line or URI it
 * cannot decode): the Host's error report valve, replaced so that it shows a short French page instead of
 * Tomcat's English "HTTP Status 400 – Bad Request" with its version. Errors the application sees still go to
 * {@code fr.paraphe.system.ErrorPages}.
 */
public class ContainerErrorPage extends ErrorReportValve {

	/** Installs this valve in place of Tomcat's: by class name, which Tomcat instantiates (hence public). */
	public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> customizer() {
		return factory -> factory.addContextCustomizers(context -> {
			Container parent = context.getParent();
			if (parent instanceof StandardHost host) {
				host.setErrorReportValveClass(ContainerErrorPage.class.getName());
			}
		});
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get() || !response.setErrorReported()) {
			return;
		}
		boolean lost = status == 500 && throwable != null && LostDatabase.isCause(throwable);
		if (lost) {
			// The error page itself could not run (it lost the database too, e.g. in Spring Session's filter on its
			// own dispatch, every pooled connection cut): still the same answer as the error page's, 503 to retry.
			status = 503;
			response.setStatus(status);
			response.setHeader("Retry-After", "2");
		}
		String title = lost ? "Service indisponible" : status == 400 ? "Requête incorrecte"
				: status == 404 ? "Page introuvable" : "Erreur";
		String detail = lost ? "Le service est momentanément indisponible ; veuillez réessayer plus tard."
				: status < 500 ? "La requête est incorrecte." : "Une erreur inattendue est survenue ; veuillez réessayer plus tard.";
		String uri = request.getRequestURI();
		boolean api = uri != null && (uri.startsWith("/api/") || uri.startsWith("/actuator/"));
		try {
			response.setContentType(api ? "application/problem+json" : "text/html");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(api
						? "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
								+ detail + "\"}"
						: "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + title
								+ " – Paraphe</title></head><body><h1>" + title + "</h1><p>" + detail
								+ "</p><p><a href=\"/\">Retour à l’accueil</a></p></body></html>");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException gone) {
			// The client went away: nothing more to say.
		}
	}

}
