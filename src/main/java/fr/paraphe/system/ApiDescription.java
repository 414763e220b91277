package fr.paraphe.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * The API's OpenAPI 3.1 description, served by springdoc at {@code /api/openapi.json} and browsable at
 * {@code /api/docs}. It is written by hand in {@code openapi/paraphe-api-v1.yaml} (operations, scopes, errors,
 * French examples): its paths replace what springdoc scans, whose schemas of the answers' records
 * ({@code ValidationReport}, {@code UserView}…) it refers to. A route missing from the file is missing from the
 * description, which ApiDescriptionIntegrationTests refuses.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

	static final String LOCATION = "openapi/paraphe-api-v1.yaml";

	@Bean
	OpenApiCustomizer writtenApiDescription() {
		OpenAPI written = load();
		return scanned -> {
			scanned.setOpenapi(written.getOpenapi());
			scanned.setInfo(written.getInfo());
			scanned.setServers(written.getServers());
			scanned.setTags(written.getTags());
			scanned.setPaths(written.getPaths());
			Components components = scanned.getComponents() == null ? new Components() : scanned.getComponents();
			Components mine = written.getComponents();
			@SuppressWarnings("rawtypes")
			Map<String, Schema> schemas = new LinkedHashMap<>();
			if (components.getSchemas() != null) {
				schemas.putAll(components.getSchemas());
			}
			schemas.putAll(mine.getSchemas());
			components.setSchemas(schemas);
			components.setSecuritySchemes(mine.getSecuritySchemes());
			components.setParameters(mine.getParameters());
			components.setHeaders(mine.getHeaders());
			components.setResponses(mine.getResponses());
			scanned.setComponents(components);
		};
	}

	static OpenAPI load() {
		try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
			return Yaml31.mapper().readValue(in, OpenAPI.class);
		}
		catch (IOException unreadable) {
			throw new UncheckedIOException(unreadable);
		}
	}

}
