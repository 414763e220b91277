package fr.paraphe.validation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.validation.TestPki;
import fr.paraphe.validation.internal.ReportCorpus;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The report page of every document of the report corpus, read as a person reads it: no English sentence anywhere
 * on the French page, and no bare ETSI code (TOTAL_PASSED, GOOD, NONE, PAdES-BASELINE-B…) outside the folded
 * "Détails techniques" section.
 */
@ParapheIntegrationTest
class ReportFrenchWordsIntegrationTests {

	/** Common English words that are not French words. */
	static final Set<String> ENGLISH = Set.of("the", "and", "of", "is", "was", "were", "not", "with", "found", "has",
			"have", "been", "this", "that", "for", "are", "from", "which", "could", "should", "missing", "certificate",
			"revocation", "invalid", "valid", "signed", "signer", "policy", "default", "fail",
			"failed", "passed", "none", "good", "revoked", "unknown", "added", "changed", "data", "time", "no");

	/** ETSI EN 319 102-1 indications and sub-indications, revocation statuses, ETSI format names. */
	static final Pattern CODE = Pattern.compile(
			"\\b(TOTAL_PASSED|TOTAL_FAILED|INDETERMINATE|PASSED|FAILED|GOOD|REVOKED|UNKNOWN|NONE|"
					+ "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|PAdES-BASELINE-[A-Z]+|PAdES-BES|PKCS7[A-Z-]*)\\b");

	static final Pattern WORD = Pattern.compile("[\\p{L}’']+");

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void noEnglishAndNoBareCodeOnTheReportPageOfAnyCorpusDocument() {
		ValidationPageIntegrationTests pages = new ValidationPageIntegrationTests();
		pages.port = port;
		List<String> findings = new ArrayList<>();
		Map<String, byte[]> corpus = ReportCorpus.documents(TestPki.shared());
		for (Map.Entry<String, byte[]> document : corpus.entrySet()) {
			// The corpus is larger than the per-address limit allows in a minute: this test is not about the limit.
			jdbc.sql("DELETE FROM validation_rate_bucket").update();
			Document page = pages.upload(document.getValue(), document.getKey());
			Element report = page.selectFirst("#report");
			assertThat(report).as(document.getKey() + " has a report").isNotNull();
			Element main = report.clone();
			main.select("details.technical").remove();
			// Names the document gives (the file name) are the user's, not the report's words.
			String mainText = main.text().replace(document.getKey(), "");
			Matcher code = CODE.matcher(mainText);
			while (code.find()) {
				findings.add(document.getKey() + ": code outside the technical details: " + code.group());
			}
			// In the technical details the codes are expected; the words around them must be French.
			String technical = CODE.matcher(report.select("details.technical").text()).replaceAll(" ");
			for (String text : List.of(mainText, technical)) {
				Matcher word = WORD.matcher(text);
				while (word.find()) {
					if (ENGLISH.contains(word.group().toLowerCase(Locale.ROOT))) {
						findings.add(document.getKey() + ": English word \"" + word.group() + "\" in: "
								+ context(text, word.start()));
					}
				}
			}
		}
		assertThat(findings).as("checked " + corpus.size() + " documents").isEmpty();
	}

	static String context(String text, int at) {
		return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60));
	}

}
