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
		SpringApplicationBuilder application = new SpringApplicationBuilder(ParapheApplication.class).profiles("prod");

		assertThatThrownBy(() -> application.run("--server.port=0", "--paraphe.demo-idp.enabled=true",
				"--spring.datasource.url=jdbc:h2:mem:prod-check;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"))
			.hasStackTraceContaining("must not run in production");
	}

}
