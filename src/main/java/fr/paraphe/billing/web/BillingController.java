package fr.paraphe.billing.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Entry;
import fr.paraphe.billing.EntryKind;
import fr.paraphe.billing.Tariff;
import fr.paraphe.billing.internal.Seller;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Nos tarifs" (public) and the compte-cabinet: balance, credit, statement with its CSV export, receipts.
 */
@Controller
class BillingController {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final Billing billing;

	private final Firms firms;

	private final Seller seller;

	BillingController(Billing billing, Firms firms, Seller seller) {
		this.seller = seller;
		this.billing = billing;
		this.firms = firms;
	}

	@GetMapping("/tarifs")
	String tariffs(Model model) {
		Instant now = Instant.now();
		Tariff current = billing.tariffAt(now);
		model.addAttribute("current", current);
		model.addAttribute("upcoming", billing.tariffs().stream().filter(t -> t.effectiveFrom().isAfter(now)).toList());
		return "billing/tariffs";
	}

	@GetMapping("/cabinet/compte")
	String account(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam(name = "du", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(name = "au", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(name = "type", required = false) EntryKind kind, Model model) {
		Membership owner = owner(principal);
		Period period = Period.of(from, to);
		model.addAttribute("balance", billing.balance(owner.firm(), principal.user().id()));
		model.addAttribute("entries",
				billing.statement(owner.firm(), principal.user().id(), period.start(), period.end(), kind, 500));
		model.addAttribute("from", period.from());
		model.addAttribute("to", period.to());
		model.addAttribute("kind", kind);
		model.addAttribute("kinds", EntryKind.values());
		model.addAttribute("tariff", billing.tariffAt(Instant.now()));
		// One token per showing of the credit form: posting it twice (a double click, a reload) pays once.
		model.addAttribute("creditToken", java.util.UUID.randomUUID().toString());
		model.addAttribute("threshold", billing.lowBalanceThreshold(owner.firm(), principal.user().id())
			.map(Money::plain)
			.orElse(""));
		return "billing/account";
	}

	@PostMapping("/cabinet/compte/credit")
	String credit(@AuthenticationPrincipal ParapheUser principal, @RequestParam("montant") String amount,
			@RequestParam(name = "formulaire", required = false) String submission, RedirectAttributes redirect) {
		Membership owner = owner(principal);
		Money money;
		try {
			money = Money.parse(amount);
		}
		catch (IllegalArgumentException notAnAmount) {
			redirect.addFlashAttribute("failure", "billing.credit.invalidAmount");
			return "redirect:/cabinet/compte";
		}
		try {
			Entry credit = billing.credit(owner.firm(), principal.user().id(), money, submission);
			redirect.addFlashAttribute("success", "billing.credit.done");
			redirect.addFlashAttribute("receipt", credit.receiptNumber());
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
		}
		return "redirect:/cabinet/compte";
	}

	@PostMapping("/cabinet/compte/seuil")
	String threshold(@AuthenticationPrincipal ParapheUser principal, @RequestParam("seuil") String threshold,
			RedirectAttributes redirect) {
		Membership owner = owner(principal);
		try {
			Money money = threshold.isBlank() ? null : Money.parse(threshold);
			billing.setLowBalanceThreshold(owner.firm(), principal.user().id(), money);
			redirect.addFlashAttribute("success", "billing.threshold.saved");
		}
		catch (IllegalArgumentException notAnAmount) {
			redirect.addFlashAttribute("failure", "billing.threshold.invalid");
		}
		return "redirect:/cabinet/compte";
	}

	@GetMapping("/cabinet/compte/releve.csv")
	void csv(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam(name = "du", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(name = "au", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(name = "type", required = false) EntryKind kind, HttpServletResponse response)
			throws IOException {
		Membership owner = owner(principal);
		Period period = Period.of(from, to);
		List<Entry> entries = billing.statement(owner.firm(), principal.user().id(), period.start(), period.end(), kind,
				10_000);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"releve-" + period.from() + "-" + period.to() + ".csv\"");
		PrintWriter out = new PrintWriter(response.getOutputStream(), false, StandardCharsets.UTF_8);
		// A byte-order mark, so that a spreadsheet opens the accents right; semicolons, as French Excel expects.
		out.print('\ufeff');
		out.print("date;type;operation;libelle;montant_ttc;montant_ht;tva;solde_apres;recu\r\n");
		DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(PARIS);
		for (Entry entry : entries) {
			String sign = entry.kind().sign() < 0 ? "-" : "";
			out.print(String.join(";", format.format(entry.createdAt()), entry.kind().name(),
					entry.operation() == null ? "" : entry.operation().name(), CsvCells.text(entry.description()),
					sign + CsvCells.amount(entry.amount()), sign + CsvCells.amount(entry.net()),
					sign + CsvCells.amount(entry.vat()), CsvCells.amount(entry.balanceAfter()), entry.receiptNumber() == null ? "" : entry.receiptNumber().toString()));
			out.print("\r\n");
		}
		out.flush();
	}

	@GetMapping("/cabinet/compte/recus/{number}")
	String receipt(@AuthenticationPrincipal ParapheUser principal, @PathVariable("number") long number, Model model) {
		Membership owner = owner(principal);
		model.addAttribute("entry", billing.receipt(owner.firm(), principal.user().id(), number));
		model.addAttribute("issue", billing.receiptIssue(owner.firm(), principal.user().id(), number));
		model.addAttribute("seller", seller);
		return "billing/receipt";
	}

	@GetMapping("/cabinet/compte/recus/{number}.pdf")
	ResponseEntity<byte[]> receiptPdf(@AuthenticationPrincipal ParapheUser principal, @PathVariable("number") long number) {
		Membership owner = owner(principal);
		byte[] pdf = billing.receiptPdf(owner.firm(), principal.user().id(), number);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"recu-" + number + ".pdf\"")
			.body(pdf);
	}

	private Membership owner(ParapheUser principal) {
		Membership membership = firms.membershipOf(principal.user().id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
		return firms.requireOwner(principal.user().id(), membership.firm());
	}

	/** Days in Paris time; by default the last 90 days. */
	record Period(LocalDate from, LocalDate to) {

		static Period of(LocalDate from, LocalDate to) {
			LocalDate end = to == null ? LocalDate.now(PARIS) : to;
			LocalDate start = from == null ? end.minusDays(90) : from;
			if (start.isAfter(end)) {
				LocalDate swap = start;
				start = end;
				end = swap;
			}
			return new Period(start, end);
		}

		Instant start() {
			return from.atStartOfDay(PARIS).toInstant();
		}

		Instant end() {
			return to.plusDays(1).atStartOfDay(PARIS).toInstant();
		}

	}


}
