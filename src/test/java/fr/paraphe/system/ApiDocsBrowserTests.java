package fr.paraphe.system;

import java.time.Duration;

import fr.paraphe.Browser;
import fr.paraphe.ParapheIntegrationTest;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/docs in Chromium under the application's Content Security Policy: Swagger UI renders every operation. */
@ParapheIntegrationTest
class ApiDocsBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void swaggerUiShowsTheOperationsWithoutLogin() {
		ChromeDriver driver = Browser.start();
		try {
			driver.get("http://localhost:" + port + "/api/docs");
			new WebDriverWait(driver, Duration.ofSeconds(30))
				.until(d -> d.findElements(By.cssSelector(".opblock")).size() >= 13);
			assertThat(driver.findElement(By.cssSelector(".info .title")).getText()).contains("Paraphe API");
			assertThat(driver.findElements(By.cssSelector(".opblock-summary-path")))
				.extracting(element -> element.getText().replace("\u200b", ""))
				.contains("/api/v1/seals", "/api/v1/collections/{id}/launch", "/api/v1/validations");
		}
		finally {
			driver.quit();
		}
	}

}
