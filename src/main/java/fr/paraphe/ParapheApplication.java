package fr.paraphe;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Paraphe: electronic signatures and seals for French accounting firms, with its own trust services.
 */
@Modulithic(sharedModules = "shared")
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParapheApplication {

	public static void main(String[] args) {
		SpringApplication.run(ParapheApplication.class, args);
	}

}
