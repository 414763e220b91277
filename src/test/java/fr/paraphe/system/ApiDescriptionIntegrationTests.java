package fr.paraphe.system;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.TestSirens;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.Role;
import fr.paraphe.identity.SsoProfile;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.FirmId;
import fr.paraphe.signing.ApiKeys;
import fr.paraphe.validation.TestSigner;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description at /api/openapi.json: public, valid OpenAPI 3.1 (swagger-parser), describing every
 * /api/v1 route Spring serves, and true: each example request it gives (an example named N among the parameters
 * and the body) is sent, and the answer has the status of the response whose example is named N, its media type,
 * the shape of its schema and, for problem details, the example's French detail.
 */
@ParapheIntegrationTest
class ApiDescriptionIntegrationTests {

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	JsonMapper json;

	@Autowired
	ApiKeys apiKeys;

	@Autowired
	Users users;

	@Autowired
	Firms firms;

	@Autowired
	fr.paraphe.terms.Terms terms;

	private final HttpClient http = HttpClient.newHttpClient();

	private String key;

	@BeforeEach
	void aFirmWithAnAllScopeKey() {
		User owner = users.recordLogin(new SsoProfile("openapi-" + UUID.randomUUID(), "Odile Description", null,
				Role.EXPERT_COMPTABLE, TestSirens.random(), "Cabinet Description"));
		FirmId firm = firms.membershipOf(owner.id()).orElseThrow().firm();
		terms.accept(owner.id(), terms.current().orElseThrow().number(), "127.0.0.1");
		key = apiKeys.create(owner.id(), firm, "Description").secret();
	}

	private HttpResponse<String> fetch(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode description() throws Exception {
		HttpResponse<String> answer = fetch("/api/openapi.json");
		assertThat(answer.statusCode()).as("public, no login").isEqualTo(200);
		return json.readTree(answer.body());
	}

	@Test
	void theDescriptionIsValidOpenApi31() throws Exception {
		String text = fetch("/api/openapi.json").body();
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
		assertThat(parsed.getMessages()).isEmpty();
		assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
		assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes().get("apiKey").getBearerFormat())
			.isEqualTo("pph_…");
	}

	@Test
	void everyApiRouteIsDescribedWithItsScopeAndItsErrors() throws Exception {
		JsonNode paths = description().get("paths");
		List<String> routes = fr.paraphe.ApiRoutes.of(mappings)
			.stream()
			.map(route -> route.substring(0, route.indexOf(' ')).toLowerCase(java.util.Locale.ROOT) + route.substring(route.indexOf(' ')))
			.toList();
		assertThat(routes).hasSizeGreaterThan(10);
		List<String> missing = new ArrayList<>();
		for (String route : routes) {
			String verb = route.substring(0, route.indexOf(' '));
			String path = route.substring(route.indexOf(' ') + 1);
			JsonNode operation = paths.path(path).path(verb);
			if (operation.isMissingNode()) {
				missing.add(route + ": not described");
				continue;
			}
			if (!operation.hasNonNull("summary") || !operation.has("security")) {
				missing.add(route + ": no summary or no security");
			}
			JsonNode responses = operation.get("responses");
			if (responses == null || !responses.has("401")) {
				missing.add(route + ": no 401");
			}
			if (path.startsWith("/api/v1/me") || path.startsWith("/api/v1/admin")) {
				continue;
			}
			JsonNode scopes = operation.get("security").findValue("apiKey");
			if (scopes == null || scopes.size() != 1) {
				missing.add(route + ": no scope");
			}
			for (String status : List.of("403", "429")) {
				if (!responses.has(status)) {
					missing.add(route + ": no " + status);
				}
			}
		}
		assertThat(missing).isEmpty();
		// Nothing described that the server does not serve.
		paths.properties().forEach(entry -> entry.getValue().properties().forEach(operation -> {
			if (METHODS.contains(operation.getKey())) {
				assertThat(routes).contains(operation.getKey() + " " + entry.getKey());
			}
		}));
	}

	@Test
	void theSwaggerUiIsPublicAndNeedsNoInlineScript() throws Exception {
		HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/docs"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(docs.statusCode()).isEqualTo(302);
		String page = docs.headers().firstValue("Location").orElseThrow();
		HttpResponse<String> ui = fetch(page);
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				policy -> assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline"));
		org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(ui.body());
		assertThat(html.select("script")).isNotEmpty().allSatisfy(script -> {
			assertThat(script.hasAttr("src")).isTrue();
			assertThat(script.data().strip()).isEmpty();
		});
		String base = page.substring(0, page.lastIndexOf('/') + 1);
		assertThat(fetch(base + "swagger-initializer.js").statusCode()).isEqualTo(200);
		assertThat(fetch("/api/openapi.json/swagger-config").body()).contains("/api/openapi.json");
	}

	@Test
	void everyExampleRequestGetsTheDescribedAnswer() throws Exception {
		JsonNode description = description();
		int sent = 0;
		List<String> failures = new ArrayList<>();
		for (var path : description.get("paths").properties()) {
			for (var entry : path.getValue().properties()) {
				if (!METHODS.contains(entry.getKey())) {
					continue;
				}
				JsonNode operation = entry.getValue();
				for (String name : exampleNames(description, operation)) {
					Expected expected = expected(description, operation, name);
					if (expected == null) {
						failures.add(entry.getKey() + " " + path.getKey() + " example " + name + ": no response has it");
						continue;
					}
					HttpResponse<String> answer = send(description, entry.getKey(), path.getKey(), operation, name);
					sent++;
					String where = entry.getKey() + " " + path.getKey() + " example " + name + ": ";
					if (answer.statusCode() != expected.status()) {
						failures.add(where + "status " + answer.statusCode() + " instead of " + expected.status() + " "
								+ answer.body());
						continue;
					}
					String type = answer.headers().firstValue("Content-Type").orElse("");
					if (!type.startsWith(expected.mediaType())) {
						failures.add(where + "media type " + type + " instead of " + expected.mediaType());
						continue;
					}
					JsonNode body = json.readTree(answer.body());
					List<String> shape = new ArrayList<>();
					conforms(description, expected.schema(), body, "$", shape);
					shape.forEach(problem -> failures.add(where + problem));
					if (expected.mediaType().equals("application/problem+json")
							&& !body.path("detail").asString().equals(expected.example().path("detail").asString())) {
						failures.add(where + "detail \"" + body.path("detail").asString() + "\" instead of \""
								+ expected.example().path("detail").asString() + "\"");
					}
				}
			}
		}
		assertThat(failures).isEmpty();
		assertThat(sent).as("example requests sent").isGreaterThanOrEqualTo(10);
	}

	/** The names of the operation's request examples (parameters and body). */
	private Set<String> exampleNames(JsonNode description, JsonNode operation) {
		Set<String> names = new LinkedHashSet<>();
		for (JsonNode parameter : operation.path("parameters")) {
			resolve(description, parameter).path("examples").properties().forEach(e -> names.add(e.getKey()));
		}
		operation.path("requestBody").path("content").properties()
			.forEach(content -> content.getValue().path("examples").properties().forEach(e -> names.add(e.getKey())));
		return names;
	}

	record Expected(int status, String mediaType, JsonNode schema, JsonNode example) {
	}

	private Expected expected(JsonNode description, JsonNode operation, String name) {
		for (var response : operation.path("responses").properties()) {
			JsonNode resolved = resolve(description, response.getValue());
			for (var content : resolved.path("content").properties()) {
				JsonNode example = content.getValue().path("examples").path(name);
				if (!example.isMissingNode()) {
					return new Expected(Integer.parseInt(response.getKey()), content.getKey(), content.getValue().get("schema"),
							resolve(description, example).get("value"));
				}
			}
		}
		return null;
	}

	private HttpResponse<String> send(JsonNode description, String method, String template, JsonNode operation,
			String name) throws Exception {
		String path = template;
		List<String> query = new ArrayList<>();
		HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer " + key)
			.header("Accept-Language", "fr");
		for (JsonNode reference : operation.path("parameters")) {
			JsonNode parameter = resolve(description, reference);
			JsonNode value = parameter.path("examples").path(name).path("value");
			if (value.isMissingNode()) {
				continue;
			}
			String text = value.isString() ? value.asString() : value.toString();
			switch (parameter.get("in").asString()) {
				case "path" -> path = path.replace("{" + parameter.get("name").asString() + "}", text);
				case "query" -> query.add(parameter.get("name").asString() + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
				case "header" -> request.header(parameter.get("name").asString(), text);
				default -> throw new IllegalStateException(parameter.toString());
			}
		}
		assertThat(path).as("every path variable has an example named %s", name).doesNotContain("{");
		request.uri(URI.create("http://localhost:" + port + path + (query.isEmpty() ? "" : "?" + String.join("&", query))));
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
		for (var content : operation.path("requestBody").path("content").properties()) {
			JsonNode example = content.getValue().path("examples").path(name).path("value");
			if (example.isMissingNode()) {
				continue;
			}
			if (content.getKey().equals("multipart/form-data")) {
				String boundary = "example" + UUID.randomUUID().toString().replace("-", "");
				body = HttpRequest.BodyPublishers.ofByteArray(multipart(description, content.getValue(), example, boundary));
				request.header("Content-Type", "multipart/form-data; boundary=" + boundary);
			}
			else {
				body = HttpRequest.BodyPublishers.ofString(example.toString());
				request.header("Content-Type", content.getKey());
			}
		}
		request.method(method.toUpperCase(java.util.Locale.ROOT), body);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The example as multipart parts: a binary field gets a real one-page PDF, an object its JSON. */
	private byte[] multipart(JsonNode description, JsonNode content, JsonNode example, String boundary) {
		JsonNode properties = resolve(description, content.get("schema")).path("properties");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (var field : example.properties()) {
			JsonNode schema = resolve(description, properties.path(field.getKey()));
			boolean binary = "binary".equals(schema.path("format").asString(""))
					|| "binary".equals(schema.path("items").path("format").asString(""));
			List<JsonNode> values = field.getValue().isArray() ? toList(field.getValue()) : List.of(field.getValue());
			for (JsonNode value : values) {
				String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"";
				byte[] data;
				if (binary) {
					head += "; filename=\"lettre.pdf\"\r\nContent-Type: application/pdf";
					data = TestSigner.document("Exemple de la description");
				}
				else if (value.isObject()) {
					head += "\r\nContent-Type: application/json";
					data = value.toString().getBytes(StandardCharsets.UTF_8);
				}
				else {
					data = value.asString().getBytes(StandardCharsets.UTF_8);
				}
				out.writeBytes((head + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
				out.writeBytes(data);
				out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
			}
		}
		out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	private static List<JsonNode> toList(JsonNode array) {
		List<JsonNode> list = new ArrayList<>();
		array.forEach(list::add);
		return list;
	}

	/** A {@code $ref} of the description followed (once or more). */
	private static JsonNode resolve(JsonNode description, JsonNode node) {
		while (node != null && node.has("$ref")) {
			JsonNode target = description;
			for (String part : node.get("$ref").asString().substring(2).split("/")) {
				target = target.path(part);
			}
			node = target;
		}
		return node;
	}

	/** Checks that {@code value} has the shape of {@code schema}: types, required properties, enums, items. */
	private static void conforms(JsonNode description, JsonNode schema, JsonNode value, String at, List<String> problems) {
		schema = resolve(description, schema);
		if (schema == null || schema.isMissingNode()) {
			return;
		}
		if (schema.has("oneOf") || schema.has("anyOf")) {
			return;
		}
		Set<String> types = new LinkedHashSet<>();
		JsonNode type = schema.get("type");
		if (type != null) {
			if (type.isArray()) {
				type.forEach(one -> types.add(one.asString()));
			}
			else {
				types.add(type.asString());
			}
		}
		if (!types.isEmpty() && !types.contains(kind(value)) && !(types.contains("number") && kind(value).equals("integer"))) {
			problems.add(at + " is " + kind(value) + ", described as " + types);
			return;
		}
		if (schema.has("enum") && !value.isNull() && !toList(schema.get("enum")).contains(value)) {
			problems.add(at + " = " + value + " is not among " + schema.get("enum"));
		}
		if (value.isObject()) {
			for (JsonNode required : schema.path("required")) {
				if (!value.has(required.asString())) {
					problems.add(at + " lacks " + required.asString());
				}
			}
			Map<String, JsonNode> properties = new LinkedHashMap<>();
			schema.path("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue()));
			for (var field : value.properties()) {
				if (properties.containsKey(field.getKey())) {
					conforms(description, properties.get(field.getKey()), field.getValue(), at + "." + field.getKey(), problems);
				}
				else if (!properties.isEmpty() && schema.path("additionalProperties").isBoolean()
						&& !schema.get("additionalProperties").asBoolean()) {
					problems.add(at + "." + field.getKey() + " is not described");
				}
			}
		}
		if (value.isArray() && schema.has("items")) {
			int index = 0;
			for (JsonNode item : value) {
				conforms(description, schema.get("items"), item, at + "[" + index++ + "]", problems);
			}
		}
	}

	private static String kind(JsonNode value) {
		if (value.isNull()) {
			return "null";
		}
		if (value.isIntegralNumber()) {
			return "integer";
		}
		if (value.isNumber()) {
			return "number";
		}
		if (value.isBoolean()) {
			return "boolean";
		}
		if (value.isString()) {
			return "string";
		}
		return value.isArray() ? "array" : "object";
	}

}
