package fr.paraphe.system;

import fr.paraphe.ParapheApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demonstration identity provider, with its public passwords, never runs in production.
 */
class ProductionProfileTests {

	@Test
	void theProdProfileRefusesToStartWithTheDemonstrationProvider() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(ParapheApplication.class)
			.profiles("prod")
			.properties("server.port=0", "paraphe.demo-idp.enabled=true",
					"spring.datasource.url=jdbc:h2:mem:prod-check;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");

		assertThatThrownBy(application::run).hasStackTraceContaining("must not run in production");
	}

}
