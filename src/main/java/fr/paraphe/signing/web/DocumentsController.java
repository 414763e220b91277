package fr.paraphe.signing.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.Csv;
import fr.paraphe.shared.FirmDocumentSource;
import fr.paraphe.signing.internal.Documents;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /documents}: the firm's signed, sealed and extended documents that the person may see ({@link Documents}),
 * and the documents of its signature collections (through {@link FirmDocumentSource}, as their module's rules
 * allow), searched and filtered, downloaded while retained, exported as CSV for French Excel.
 */
@Controller
class DocumentsController {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final Documents documents;

	private final MessageSource messages;

	DocumentsController(Documents documents, MessageSource messages) {
		this.documents = documents;
		this.messages = messages;
	}

	/** Lines on a page of {@code /documents}. */
	static final int PAGE_SIZE = 50;

	@GetMapping("/documents")
	String list(@AuthenticationPrincipal ParapheUser principal, @RequestParam(name = "q", required = false) String text,
			@RequestParam(name = "type", required = false) String kind,
			@RequestParam(name = "du", required = false) String from,
			@RequestParam(name = "au", required = false) String to,
			@RequestParam(name = "apres", required = false) String after,
			@RequestParam(name = "avant", required = false) String before, Model model) {
		Filters filters = Filters.of(text, kind, from, to);
		// "Page précédente" carries where the page it was on began (avant), "Page suivante" where it ended (apres).
		Documents.Page page = before != null
				? documents.pageBefore(principal.user().id(), filters.search(), filters.collectionsOnly(), before,
						PAGE_SIZE)
				: documents.page(principal.user().id(), filters.search(), filters.collectionsOnly(), after, PAGE_SIZE);
		model.addAttribute("documents", page.lines());
		model.addAttribute("page", page);
		model.addAttribute("filters", filters);
		model.addAttribute("kinds", Documents.Kind.values());
		model.addAttribute("retentionDays", documents.retention().toDays());
		return "signing/documents";
	}

	@GetMapping("/documents/{id}.pdf")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id) {
		Documents.Document document = documents.find(principal.user().id(), id);
		byte[] pdf = documents.pdf(principal.user().id(), id);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(DownloadNames.base(document.fileName()) + suffix(document.kind()), StandardCharsets.UTF_8)
				.build()
				.toString())
			.body(pdf);
	}

	@GetMapping("/documents/export.csv")
	void csv(@AuthenticationPrincipal ParapheUser principal, @RequestParam(name = "q", required = false) String text,
			@RequestParam(name = "type", required = false) String kind,
			@RequestParam(name = "du", required = false) String from,
			@RequestParam(name = "au", required = false) String to, Locale locale, HttpServletResponse response)
			throws IOException {
		Filters filters = Filters.of(text, kind, from, to);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"documents.csv\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		DateTimeFormatter date = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(PARIS);
		PrintWriter out = new PrintWriter(response.getOutputStream(), false, StandardCharsets.UTF_8);
		out.print(Csv.BOM);
		out.print(Csv.line(header(locale, "date"), header(locale, "kind"), header(locale, "file"),
				header(locale, "who"), header(locale, "channel"), header(locale, "level"), header(locale, "price"),
				header(locale, "retainedUntil"), header(locale, "sha256")));
		// Page after page from the database, at most MAX_RESULTS lines, as the export always held.
		String after = null;
		int written = 0;
		do {
			Documents.Page page = documents.page(principal.user().id(), filters.search(), filters.collectionsOnly(),
					after, Math.min(Documents.MAX_PAGE, Documents.MAX_RESULTS - written));
			for (Documents.Line line : page.lines()) {
				line(out, line, date, locale);
			}
			written += page.lines().size();
			after = page.next();
		}
		while (after != null && written < Documents.MAX_RESULTS);
		out.flush();
	}

	/** One line of the CSV: a document of this module, or another module's entry. */
	private void line(PrintWriter out, Documents.Line row, DateTimeFormatter date, Locale locale) {
		Documents.Document document = row.document();
		if (document == null) {
			FirmDocumentSource.Entry entry = row.entry();
			out.print(Csv.line(date.format(entry.at()), Csv.text(word(locale, "documents.source." + entry.source())),
					Csv.text(entry.fileName() + " (" + entry.title() + ")"), Csv.text(entry.people()),
					Csv.text(word(locale, "documents.state." + entry.source() + "." + entry.state()) + " " + entry.progress()),
					"", "", entry.retainedUntil() == null ? "" : date.format(entry.retainedUntil()), ""));
			return;
		}
		out.print(Csv.line(date.format(document.createdAt()), Csv.text(word(locale, "documents.kind." + document.kind())),
				Csv.text(document.fileName()), Csv.text(document.actorName()),
				Csv.text(word(locale, "documents.channel." + document.channel())),
				Csv.text(word(locale, "documents.level." + document.kind() + "." + document.level())),
				Csv.amount(document.price()), date.format(document.retainedUntil()), document.sha256()));
	}

	private String header(Locale locale, String column) {
		return Csv.text(word(locale, "documents.column." + column));
	}

	private String word(Locale locale, String key) {
		return messages.getMessage(key, null, key, locale);
	}

	private static String suffix(Documents.Kind kind) {
		return switch (kind) {
			case SIGNATURE -> "-signe.pdf";
			case SEAL -> "-cachete.pdf";
			case EXTENSION -> "-prolonge.pdf";
		};
	}

	/**
	 * The page's filters as typed, and what is searched: a bad date or type is shown as such ({@code invalid}) and
	 * not applied, never a 400.
	 */
	static final String COLLECTIONS = "COLLECTION";

	record Filters(String q, String type, String du, String au, boolean invalidDate, Documents.Search search,
			boolean collectionsOnly) {

		static Filters of(String text, String kind, String from, String to) {
			// A search box: anything typed is only compared, so it is cleaned, never refused.
			String q = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
			q = q.length() > 100 ? q.substring(0, 100) : q;
			Documents.Kind chosen = null;
			for (Documents.Kind candidate : Documents.Kind.values()) {
				if (candidate.name().equals(kind)) {
					chosen = candidate;
				}
			}
			LocalDate start = date(from);
			LocalDate end = date(to);
			boolean invalid = (present(from) && start == null) || (present(to) && end == null);
			Instant since = start == null ? null : start.atStartOfDay(PARIS).toInstant();
			Instant until = end == null ? null : end.plusDays(1).atStartOfDay(PARIS).toInstant();
			// "COLLECTION": the signature collections' documents only (another module's, see FirmDocumentSource).
			boolean collections = COLLECTIONS.equals(kind);
			return new Filters(q, collections ? COLLECTIONS : chosen == null ? "" : chosen.name(),
					start == null ? "" : start.toString(), end == null ? "" : end.toString(), invalid,
					new Documents.Search(q.isEmpty() ? null : q, chosen, since, until), collections);
		}

		private static boolean present(String value) {
			return value != null && !value.isBlank();
		}

		private static LocalDate date(String value) {
			if (!present(value)) {
				return null;
			}
			try {
				LocalDate parsed = LocalDate.parse(value.strip());
				return parsed.getYear() < 2000 || parsed.getYear() > 2999 ? null : parsed;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}

	}

}
