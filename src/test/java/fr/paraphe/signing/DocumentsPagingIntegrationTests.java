package fr.paraphe.signing;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.paraphe.DemoLogin;
import fr.paraphe.ParapheIntegrationTest;
import fr.paraphe.identity.User;
import fr.paraphe.shared.FirmId;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /documents} is paged in the database: 70 sealed documents and 40 documents of 20 collections (more than
 * two pages of 50), some at the same instant, are walked page by page with the search, the type filter and the
 * order kept (newest first; at one instant the firm's own documents before the collections'): every row once,
 * none missing, each page at most 50 rows, the totals and positions in French; then walked back from the last page
 * with "Page précédente", which gives the same pages in reverse, the filters kept.
 */
@ParapheIntegrationTest
class DocumentsPagingIntegrationTests extends SealingTest {

	static final int PAGE = 50;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theHistoryIsWalkedPageByPageWithTheFiltersTheOrderAndTheTotalsKept() {
		// The demonstration firm is made at its owner's first login.
		DemoLogin expert = new DemoLogin(port).loginAs("expert");
		FirmId demo = demoFirm();
		User owner = users.findById(firms.ownersOf(demo).get(0)).orElseThrow();
		String run = "Pagination-" + UUID.randomUUID().toString().substring(0, 8);
		Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
		// Each row's anchor on the page, with its instant and whether it is one of the firm's own documents.
		Map<String, Instant> at = new HashMap<>();
		Set<String> own = new HashSet<>();
		for (int i = 0; i < 70; i++) {
			UUID id = UUID.randomUUID();
			// Two documents a minute: ties on the instant.
			Instant created = base.minus(Duration.ofMinutes(i / 2));
			jdbc.sql("""
					INSERT INTO signing_document (id, firm_id, kind, channel, actor_id, actor_name, file_name, level,
					  certified, price_cents, sha256, size_bytes, created_at, retained_until, purged_at)
					VALUES (?, ?, 'SEAL', 'PAGE', ?, ?, ?, 'B_B', FALSE, 120, ?, 1, ?, ?, ?)""")
				// Entries whose PDF was purged already (the demonstration firm's other tests download what is kept).
				.params(id, demo.value(), owner.id().value(), owner.displayName(), run + "-cachet-" + i + ".pdf",
						"0".repeat(64), Timestamp.from(created), Timestamp.from(created.plusSeconds(1)),
						Timestamp.from(base))
				.update();
			at.put("document-" + id, created);
			own.add("document-" + id);
		}
		for (int j = 0; j < 20; j++) {
			UUID collection = UUID.randomUUID();
			// At the same minutes as sealed documents: ties across the two sources.
			Instant ended = base.minus(Duration.ofMinutes(j * 2));
			jdbc.sql("""
					INSERT INTO collection (id, firm_id, title, status, signing_order, reminder_days, prepared_by,
					  created_at, updated_at, launched_at, ended_at)
					VALUES (?, ?, ?, 'CANCELLED', 'PARALLEL', '', ?, ?, ?, ?, ?)""")
				.params(collection, demo.value(), run + " collecte " + j, owner.id().value(),
						Timestamp.from(ended.minusSeconds(600)), Timestamp.from(ended), Timestamp.from(ended.minusSeconds(300)),
						Timestamp.from(ended))
				.update();
			jdbc.sql("""
					INSERT INTO collection_signer (id, collection_id, position, step, kind, given_name, surname, email,
					  channel, status)
					VALUES (?, ?, 1, 1, 'CLIENT', 'Anne', 'Paginée', 'anne@example.fr', 'EMAIL', 'WAITING')""")
				.params(UUID.randomUUID(), collection)
				.update();
			for (int number = 1; number <= 2; number++) {
				jdbc.sql("""
						INSERT INTO collection_document (id, collection_id, number, file_name, version, sha256)
						VALUES (?, ?, ?, ?, 1, ?)""")
					.params(UUID.randomUUID(), collection, number, "piece-" + j + "-" + number + ".pdf", "0".repeat(64))
					.update();
				at.put("collection-" + collection + "-" + number, ended);
			}
		}
		String q = "q=" + URLEncoder.encode(run, StandardCharsets.UTF_8);

		List<String> all = walk(expert, "/documents?" + q, 110, at, own);
		assertThat(all).hasSize(110).doesNotHaveDuplicates();
		assertThat(new HashSet<>(all)).isEqualTo(at.keySet());

		List<String> collections = walk(expert, "/documents?" + q + "&type=COLLECTION", 40, at, own);
		assertThat(collections).hasSize(40).allMatch(anchor -> anchor.startsWith("collection-"));

		List<String> seals = walk(expert, "/documents?" + q + "&type=SEAL", 70, at, own);
		assertThat(seals).hasSize(70).allMatch(own::contains).doesNotHaveDuplicates();

		// The signer's name is searched as before, through the database.
		assertThat(walk(expert, "/documents?q=" + URLEncoder.encode("paginée", StandardCharsets.UTF_8), -1, at, own))
			.containsAll(collections);

		// A position that is not one (typed, tampered with) is the first page, never an error.
		HttpResponse<String> tampered = expert.get("/documents?" + q + "&apres=n%27importe-quoi");
		assertThat(tampered.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(tampered.body()).select("#page-position").text()).isEqualTo("Documents 1 à 50 sur 110");
		for (String backwards : List.of("n%27importe-quoi", "D.1.2.x", "E.99999999999999999999.0." + UUID.randomUUID() + ".1",
				"D." + Long.MAX_VALUE + ".0." + UUID.randomUUID(), "")) {
			HttpResponse<String> tamperedBack = expert.get("/documents?" + q + "&avant=" + backwards);
			assertThat(tamperedBack.statusCode()).as(backwards).isEqualTo(200);
			assertThat(Jsoup.parse(tamperedBack.body()).select("#page-position").text()).as(backwards)
				.isEqualTo("Documents 1 à 50 sur 110");
		}
	}

	/**
	 * Follows "Page suivante" from {@code first} to the end: each page at most {@link #PAGE} rows, its position and
	 * the total said in French, the rows newest first; then "Page précédente" back to the first page, the same pages.
	 * @param total the expected total, or -1 not to check it
	 */
	private static List<String> walk(DemoLogin browser, String first, int total, Map<String, Instant> at,
			Set<String> own) {
		List<String> anchors = new ArrayList<>();
		List<List<String>> forwards = new ArrayList<>();
		String last = null;
		String next = first;
		int pages = 0;
		while (next != null) {
			last = next;
			HttpResponse<String> response = browser.get(next);
			assertThat(response.statusCode()).isEqualTo(200);
			Document html = Jsoup.parse(response.body());
			List<String> page = html.select("tr.document-row").eachAttr("id");
			assertThat(page).hasSizeLessThanOrEqualTo(PAGE).isNotEmpty();
			if (total >= 0) {
				int start = anchors.size() + 1;
				assertThat(html.select("#page-position").text())
					.isEqualTo("Documents " + start + " à " + (start + page.size() - 1) + " sur " + total);
			}
			anchors.addAll(page);
			forwards.add(page);
			assertThat(html.select("a#previous-page").isEmpty()).as("Page précédente from the second page on")
				.isEqualTo(pages == 0);
			Element link = html.selectFirst("a#next-page");
			next = link == null ? null : link.attr("href");
			if (pages++ > 0) {
				assertThat(html.select("a#first-page")).isNotEmpty();
			}
			assertThat(pages).isLessThan(50);
		}
		if (total >= 0) {
			assertThat(pages).isEqualTo((total + PAGE - 1) / PAGE);
		}
		// Back from the last page, page by page: the same pages, the same positions, the filters kept.
		List<List<String>> backwards = new ArrayList<>();
		String previous = last;
		while (previous != null) {
			HttpResponse<String> response = browser.get(previous);
			assertThat(response.statusCode()).isEqualTo(200);
			Document html = Jsoup.parse(response.body());
			List<String> page = html.select("tr.document-row").eachAttr("id");
			int index = forwards.size() - 1 - backwards.size();
			assertThat(index).as("no more pages backwards than forwards").isNotNegative();
			assertThat(page).as("page %d walked back", index + 1).isEqualTo(forwards.get(index));
			if (total >= 0) {
				int start = index * PAGE + 1;
				assertThat(html.select("#page-position").text())
					.isEqualTo("Documents " + start + " à " + (start + page.size() - 1) + " sur " + total);
			}
			backwards.add(page);
			Element link = html.selectFirst("a#previous-page");
			previous = link == null ? null : link.attr("href");
			if (previous != null) {
				String decoded = java.net.URLDecoder.decode(previous, StandardCharsets.UTF_8);
				for (String filter : first.substring(first.indexOf('?') + 1).split("&")) {
					assertThat(decoded).as("the filters kept").contains(java.net.URLDecoder.decode(filter, StandardCharsets.UTF_8));
				}
			}
		}
		assertThat(backwards).as("back to the first page").hasSameSizeAs(forwards);
		List<String> ours = anchors.stream().filter(at::containsKey).toList();
		for (int n = 1; n < ours.size(); n++) {
			Instant before = at.get(ours.get(n - 1));
			Instant after = at.get(ours.get(n));
			assertThat(after).as("newest first").isBeforeOrEqualTo(before);
			if (after.equals(before) && own.contains(ours.get(n))) {
				assertThat(own).as("at one instant, the firm's own documents first").contains(ours.get(n - 1));
			}
		}
		return anchors;
	}

}
