package fr.paraphe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver (no driver or browser download: the machine has
 * no such network), with the flags this sandbox needs.
 */
public final class Browser {

	private Browser() {
	}

	/** Logs in through "Se connecter avec Comptexpert" and the demonstration provider; waits for the home page. */
	public static void login(ChromeDriver driver, int port, String username) {
		driver.get("http://localhost:" + port + "/connexion");
		driver.findElement(By.id("comptexpert-login")).click();
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys("demo");
		driver.findElement(By.id("idp-submit")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("greeting")));
	}

	/** Saves what the browser shows to target/screenshots/NAME.png, for a person to look at. */
	public static void screenshot(ChromeDriver driver, String name) {
		try {
			Path target = Path.of("target", "screenshots");
			Files.createDirectories(target);
			Files.write(target.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A new headless Chromium, French first, with a fresh profile. Quit it after the test. */
	public static ChromeDriver start() {
		return start(null);
	}

	/**
	 * As {@link #start()}, saving downloads into {@code downloads} without asking (null: Chromium's default).
	 */
	public static ChromeDriver start(Path downloads) {
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
			if (downloads != null) {
				options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
						downloads.toAbsolutePath().toString(), "download.prompt_for_download", false));
			}
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			if (downloads != null) {
				// Headless Chromium ignores the preference unless told through the DevTools protocol too.
				driver.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow",
						"downloadPath", downloads.toAbsolutePath().toString()));
			}
			return driver;
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

}
