package fr.paraphe.collection.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import fr.paraphe.collection.internal.Batches;
import fr.paraphe.collection.internal.CollectionStatus;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.Models;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /collectes/lots}: the firm's batches and the form of a new one (a model or a draft, the CSV of clients, the
 * same PDF for all or a ZIP of one per client); a batch's page with its summary (sent, signed, declined, expired,
 * in progress), a link to each collection and, for a LAUNCH holder, "Lancer l'envoi". A refused CSV is shown on the
 * form with each line's reason.
 */
@Controller
class BatchPagesController {

	private final Batches batches;

	private final Models models;

	private final Collections collections;

	private final CollectionPagesController pages;

	private final MessageSource messages;

	BatchPagesController(Batches batches, Models models, Collections collections, CollectionPagesController pages,
			MessageSource messages) {
		this.batches = batches;
		this.models = models;
		this.collections = collections;
		this.pages = pages;
		this.messages = messages;
	}

	@GetMapping("/collectes/lots")
	String list(@AuthenticationPrincipal ParapheUser principal, Model model) {
		Membership member = pages.membership(principal);
		model.addAttribute("batches", batches.list(member.user(), member.firm()));
		model.addAttribute("models", models.list(member.user(), member.firm()));
		model.addAttribute("drafts", collections.list(member.user(), member.firm(), CollectionStatus.DRAFT, null, null, null));
		model.addAttribute("mayPrepare", member.may(Delegation.PREPARE));
		return "collection/batches";
	}

	@PostMapping("/collectes/lots")
	String create(@AuthenticationPrincipal ParapheUser principal, @RequestParam(name = "source", required = false) String source,
			@RequestParam(name = "title", required = false) String title,
			@RequestParam(name = "csv", required = false) MultipartFile csv,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@RequestParam(name = "zip", required = false) MultipartFile zip, HttpServletRequest request, Model model,
			HttpServletResponse response, Locale locale) {
		Membership member = pages.membership(principal);
		try {
			String kind = source == null ? "" : source;
			String model1 = kind.startsWith("model:") ? kind.substring(6) : null;
			String draft = kind.startsWith("draft:") ? kind.substring(6) : null;
			UUID batch = batches.create(member.user(), member.firm(),
					BatchApiController.input(model1, draft, title, csv, files, zip), CollectionApiController.origin(request));
			return "redirect:/collectes/lots/" + batch;
		}
		catch (Batches.Refused refused) {
			model.addAttribute("lineErrors", BatchApiController.lines(refused, messages, locale));
			PageRefusal.show(refused, model.asMap());
			response.setStatus(400);
		}
		catch (ProblemException problem) {
			PageRefusal.show(problem, model.asMap());
			response.setStatus(problem.getStatusCode().value());
		}
		return list(principal, model);
	}

	@GetMapping("/collectes/lots/{id}")
	String batch(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id, Model model) {
		Membership member = pages.membership(principal);
		Batches.Summary summary = batches.summary(member.user(), member.firm(), id);
		model.addAttribute("batch", summary);
		model.addAttribute("statuses", CollectionStatus.values());
		model.addAttribute("mayLaunch", member.may(Delegation.LAUNCH));
		return "collection/batch";
	}

	@PostMapping("/collectes/lots/{id}/lancement")
	String launch(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id, HttpServletRequest request,
			RedirectAttributes redirect) {
		Membership member = pages.membership(principal);
		try {
			batches.launch(member.user(), member.firm(), id, CollectionApiController.origin(request));
			redirect.addFlashAttribute("success", "collection.batch.sent");
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
		}
		return "redirect:/collectes/lots/" + id;
	}

}
