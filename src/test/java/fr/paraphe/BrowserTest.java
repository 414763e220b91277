package fr.paraphe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the browser tests share, on top of {@link Browser}: the server's port, the browsers a test starts (each quit
 * after the test, whatever its outcome) and a wait on the first one. A test class extends it and keeps its own
 * {@link ParapheIntegrationTest} annotation.
 */
public abstract class BrowserTest {

	@LocalServerPort
	protected int port;

	/** The first browser this test started (null before), and a wait of {@link #patience()} on it. */
	protected ChromeDriver browser;

	protected WebDriverWait wait;

	private final List<ChromeDriver> started = new ArrayList<>();

	/** How long {@link #wait} waits for a condition; waits end as soon as the condition holds. */
	protected Duration patience() {
		return Duration.ofSeconds(30);
	}

	/** A new headless Chromium ({@link Browser#start()}), quit after the test. */
	protected ChromeDriver startBrowser() {
		return started(Browser.start());
	}

	/** As {@link #startBrowser()}, saving downloads into {@code downloads} without asking. */
	protected ChromeDriver startBrowser(Path downloads) {
		return started(Browser.start(downloads));
	}

	/** A new browser logged in as the demonstration account {@code username} ({@link Browser#login}). */
	protected ChromeDriver loggedIn(String username) {
		ChromeDriver driver = startBrowser();
		Browser.login(driver, port, username);
		return driver;
	}

	/** A wait of {@link #patience()} on {@code driver}. */
	protected WebDriverWait waitOn(ChromeDriver driver) {
		return new WebDriverWait(driver, patience());
	}

	/** http://localhost:port{@code path}. */
	protected String url(String path) {
		return "http://localhost:" + port + path;
	}

	/** Saves what {@link #browser} shows to target/screenshots/NAME.png. */
	protected void screenshot(String name) {
		Browser.screenshot(browser, name);
	}

	private ChromeDriver started(ChromeDriver driver) {
		started.add(driver);
		if (browser == null) {
			browser = driver;
			wait = waitOn(driver);
		}
		return driver;
	}

	@AfterEach
	void quitBrowsers() {
		started.forEach(ChromeDriver::quit);
		started.clear();
		browser = null;
		wait = null;
	}

}
