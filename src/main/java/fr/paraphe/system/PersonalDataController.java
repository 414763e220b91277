package fr.paraphe.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.PersonalData;
import fr.paraphe.shared.UserId;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /compte/mes-donnees}: "Mes données", a ZIP archive of everything Paraphe holds about the logged-in person
 * ({@code mes-donnees.json}, from every module's {@link PersonalData}) and the documents they may still download
 * ({@code documents/}).
 */
@Controller
class PersonalDataController {

	private final List<PersonalData> parts;

	private final JsonMapper json;

	PersonalDataController(List<PersonalData> parts, JsonMapper json) {
		this.parts = parts;
		this.json = json;
	}

	@GetMapping("/compte/mes-donnees")
	void download(@AuthenticationPrincipal ParapheUser principal, HttpServletResponse response) throws IOException {
		UserId user = principal.user().id();
		Map<String, Object> sections = new LinkedHashMap<>();
		parts.forEach(part -> sections.putAll(part.about(user)));
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mes-donnees-paraphe.zip\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		try (ZipOutputStream zip = new ZipOutputStream(response.getOutputStream())) {
			zip.putNextEntry(new ZipEntry("mes-donnees.json"));
			zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(sections));
			zip.closeEntry();
			for (PersonalData part : parts) {
				for (PersonalData.File file : part.files(user)) {
					zip.putNextEntry(new ZipEntry(file.name()));
					zip.write(file.content().get());
					zip.closeEntry();
				}
			}
		}
	}

}
