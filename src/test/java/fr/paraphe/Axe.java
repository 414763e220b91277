package fr.paraphe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core (the npm package, pinned in the pom as {@code axe-core.version} and fetched into
 * {@code target/axe-core} by {@code mvn generate-test-resources}) injected into the page the browser shows, run with
 * the WCAG 2.1 A and AA rules.
 */
public final class Axe {

	private static final Path SCRIPT = Path.of("target", "axe-core", "package", "axe.min.js");

	private Axe() {
	}

	/** The violations of impact "serious" or "critical" on the page shown, each as "rule: target (summary)". */
	@SuppressWarnings("unchecked")
	public static List<String> seriousViolations(ChromeDriver driver) {
		driver.executeScript(source());
		Object result = driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
				  .then(r => done(r.passes.length === 0 ? ['axe ran no rule'] : r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
				    .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' (' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ')'))))
				  .catch(e => done(['axe failed: ' + e]));
				""");
		return (List<String>) result;
	}

	private static String source() {
		if (!Files.isRegularFile(SCRIPT)) {
			String message = SCRIPT + " is missing: mvn generate-test-resources fetches it with npm";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.fail(message + " (.ci/run must install npm)");
			}
			org.junit.jupiter.api.Assumptions.abort(message + ": test skipped");
		}
		try {
			return Files.readString(SCRIPT, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Asserts that the page shown has no serious or critical violation at 1280 px and at 390 px, and no horizontal
	 * scroll at 390 px ({@code scrollWidth <= innerWidth}); the window is 1280 x 900 again afterwards.
	 */
	public static void assertAccessibleAndNarrow(ChromeDriver driver, String page) {
		org.assertj.core.api.Assertions.assertThat(seriousViolations(driver)).as(page).isEmpty();
		driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		Map<String, Long> widths = widths(driver);
		org.assertj.core.api.Assertions.assertThat(widths.get("scrollWidth"))
			.as(page + " at 390 px")
			.isLessThanOrEqualTo(widths.get("innerWidth"));
		org.assertj.core.api.Assertions.assertThat(seriousViolations(driver)).as(page + " at 390 px").isEmpty();
		driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
	}

	/** The page's width and the window's, at the size set: {@code scrollWidth} must not exceed {@code innerWidth}. */
	@SuppressWarnings("unchecked")
	public static Map<String, Long> widths(ChromeDriver driver) {
		return (Map<String, Long>) driver.executeScript(
				"return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth };");
	}

}
