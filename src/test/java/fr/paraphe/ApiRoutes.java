package fr.paraphe;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The {@code /api/v1} routes Spring serves, as {@code "METHOD /pattern"} (each route names its methods). */
public final class ApiRoutes {

	private ApiRoutes() {
	}

	public static List<String> of(RequestMappingHandlerMapping mappings) {
		List<String> routes = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/v1/")) {
					if (info.getMethodsCondition().getMethods().isEmpty()) {
						throw new AssertionError(pattern + " answers every HTTP method: name them");
					}
					for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
						routes.add(verb.name() + " " + pattern);
					}
				}
			}
		});
		return routes;
	}

}
