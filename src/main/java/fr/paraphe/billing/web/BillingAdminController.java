package fr.paraphe.billing.web;

import java.time.Instant;
import java.time.LocalDate;

import fr.paraphe.billing.Billing;
import fr.paraphe.billing.Entry;
import fr.paraphe.billing.Tariff;
import fr.paraphe.firm.Firm;
import fr.paraphe.firm.Firms;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.Money;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.Siren;

import org.springframework.format.annotation.DateTimeFormat;
import fr.paraphe.identity.PlatformAdminOnly;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The platform administrator's billing page: tariffs (a new one takes effect at a future date) and bank
 * transfers received for a firm.
 */
@Controller
@RequestMapping("/admin/facturation")
@PlatformAdminOnly
class BillingAdminController {

	private final Billing billing;

	private final Firms firms;

	BillingAdminController(Billing billing, Firms firms) {
		this.billing = billing;
		this.firms = firms;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("tariffs", billing.tariffs());
		model.addAttribute("now", Instant.now());
		return "billing/admin";
	}

	@PostMapping("/tarifs")
	String addTariff(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam("effet") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam("signature") String signature, @RequestParam("cachet") String seal,
			@RequestParam("signataire") String signer, @RequestParam("tva") String vat, RedirectAttributes redirect) {
		try {
			int vatBasisPoints = (int) Money.parse(vat).cents();
			if (vatBasisPoints > 10_000) {
				throw new IllegalArgumentException("VAT over 100 %");
			}
			Tariff tariff = new Tariff(from.atStartOfDay(BillingController.PARIS).toInstant(), Money.parse(signature),
					Money.parse(seal), Money.parse(signer), vatBasisPoints);
			billing.addTariff(principal.user().id(), tariff);
			redirect.addFlashAttribute("success", "billing.admin.tariffAdded");
		}
		catch (IllegalArgumentException invalid) {
			redirect.addFlashAttribute("failure", "billing.admin.invalidTariff");
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
		}
		return "redirect:/admin/facturation";
	}

	@PostMapping("/virements")
	String recordTransfer(@AuthenticationPrincipal ParapheUser principal, @RequestParam("siren") String siren,
			@RequestParam("montant") String amount, @RequestParam("reference") String reference,
			RedirectAttributes redirect) {
		try {
			Firm firm = firms.findBySiren(Siren.parse(siren))
				.orElseThrow(() -> new IllegalArgumentException("No such firm"));
			Entry credit = billing.recordBankTransfer(firm.id(), principal.user().id(), Money.parse(amount), reference);
			redirect.addFlashAttribute("success", "billing.admin.transferRecorded");
			redirect.addFlashAttribute("receipt", credit.receiptNumber());
		}
		catch (IllegalArgumentException invalid) {
			redirect.addFlashAttribute("failure", "billing.admin.invalidTransfer");
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
		}
		return "redirect:/admin/facturation";
	}

}
