package fr.paraphe.billing.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import fr.paraphe.billing.internal.Refunds;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.identity.PlatformAdminOnly;
import fr.paraphe.shared.FirmId;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Remboursements à effectuer": the refunds closed firms asked for, with what to pay and to whom, each marked paid
 * (the transfer's reference and date) once the platform's staff made the transfer; those made below.
 */
@Controller
@RequestMapping("/admin/remboursements")
@PlatformAdminOnly
class RefundsAdminController {

	private final Refunds refunds;

	RefundsAdminController(Refunds refunds) {
		this.refunds = refunds;
	}

	@GetMapping
	String page(@AuthenticationPrincipal ParapheUser principal, Model model) {
		var all = refunds.all(principal.user().id());
		model.addAttribute("toPay", all.stream().filter(refund -> refund.paid() == null).toList());
		model.addAttribute("paid", all.stream().filter(refund -> refund.paid() != null).toList());
		model.addAttribute("today", LocalDate.now(BillingController.PARIS));
		return "billing/refunds";
	}

	@PostMapping("/{firm}/paiement")
	String markPaid(@AuthenticationPrincipal ParapheUser principal, @PathVariable("firm") UUID firm,
			@RequestParam(name = "reference", required = false) String reference,
			@RequestParam(name = "date", required = false) String date, RedirectAttributes redirect) {
		try {
			Refunds.Marked marked = refunds.markPaid(principal.user().id(), new FirmId(firm), reference, date(date));
			redirect.addFlashAttribute("success", marked.replayed() ? "billing.refunds.alreadyPaid" : "billing.refunds.paid");
			redirect.addFlashAttribute("successArgument", marked.refund().closing().firm().name());
		}
		catch (ProblemException problem) {
			if (problem.getStatusCode().value() == 404) {
				// An administrator may know which firms exist: the refund that is not one is said on the page.
				redirect.addFlashAttribute("failure", problem.messageKey());
			}
			else {
				PageRefusal.flash(problem, redirect);
			}
		}
		return "redirect:/admin/remboursements";
	}

	/** The date as the page's date field sends it (yyyy-mm-dd); null for anything else, refused as no date. */
	private static LocalDate date(String value) {
		if (value == null || value.isBlank() || value.length() > 10) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException notADate) {
			return null;
		}
	}

}
