package fr.paraphe.system;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot reads {@code application*.properties} as ISO-8859-1: a UTF-8 default such as the platform seal's
 * name came out as "Paraphe (dÃ©monstration)" on /admin/pki, in sealed reports and in pdfsig.
 */
class ApplicationPropertiesEncodingTests {

	@Test
	void thePlatformSealNameReadsAsWritten() throws IOException {
		List<PropertySource<?>> sources = new PropertiesPropertySourceLoader().load("application",
				new ClassPathResource("application.properties"));

		assertThat(sources.get(0).getProperty("paraphe.signing.platform-seal.name").toString())
			.isEqualTo("${PARAPHE_PLATFORM_NAME:Paraphe (démonstration)}");
	}

	@Test
	void everyApplicationPropertiesFileIsPlainAscii() throws IOException {
		for (String name : List.of("application.properties", "application-postgres.properties",
				"application-prod.properties")) {
			byte[] bytes = new ClassPathResource(name).getContentAsByteArray();
			for (byte b : bytes) {
				assertThat(b >= 0).as("%s holds a non-ASCII byte: write it as a \\uXXXX escape", name).isTrue();
			}
		}
	}

}
