package fr.paraphe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver (no driver or browser download: the machine has
 * no such network), with the flags this sandbox needs.
 */
public final class Browser {

	private Browser() {
	}

	/** A new headless Chromium, French first, with a fresh profile. Quit it after the test. */
	public static ChromeDriver start() {
		Path chromium = ExternalTools.require("chromium", "chromium");
		Path chromedriver = ExternalTools.require("chromedriver", "chromium-driver");
		try {
			Path profile = Files.createTempDirectory("paraphe-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(chromium.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--window-size=1280,900", "--lang=fr-FR",
					"--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return driver;
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

}
