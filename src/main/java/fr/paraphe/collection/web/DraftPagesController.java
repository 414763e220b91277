package fr.paraphe.collection.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import fr.paraphe.collection.internal.Collection;
import fr.paraphe.collection.internal.CollectionStatus;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.DraftEdits;
import fr.paraphe.collection.internal.SignerOptions;
import fr.paraphe.collection.internal.DraftRequest;
import fr.paraphe.collection.internal.Models;
import fr.paraphe.collection.internal.Place;
import fr.paraphe.collection.internal.SigningOrder;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
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
 * The preparer's pages beside a collection's: edit a draft ({@code /collectes/{id}/modifier}), delete it, duplicate
 * a collection, save it as a model, and the models ({@code /collectes/modeles}) with "Nouvelle collecte depuis ce
 * modèle" on new PDFs. The services check the delegations and the firm.
 */
@Controller
class DraftPagesController {

	/** Rows of recipients in copy on the edit form. */
	static final int COPY_ROWS = 3;

	private final Collections collections;

	private final DraftEdits edits;

	private final Models models;

	private final Firms firms;

	private final CollectionPagesController pages;

	DraftPagesController(Collections collections, DraftEdits edits, Models models, Firms firms,
			CollectionPagesController pages) {
		this.collections = collections;
		this.edits = edits;
		this.models = models;
		this.firms = firms;
		this.pages = pages;
	}

	@GetMapping("/collectes/{id}/modifier")
	String form(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id, Model model) {
		Membership member = pages.membership(principal);
		firms.require(member.user(), member.firm(), Delegation.PREPARE);
		Collection collection = collections.find(member.user(), member.firm(), id);
		if (collection.status() != CollectionStatus.DRAFT) {
			throw new ProblemException(HttpStatus.CONFLICT, "collection.error.notDraft");
		}
		model.addAttribute("collection", collection);
		model.addAttribute("signerOptions", edits.asRequest(collection)
			.signers()
			.stream()
			.map(signer -> signer.options() != null ? signer.options() : SignerOptions.NONE)
			.toList());
		model.addAttribute("colleagues", firms.colleagues(member.firm(), member.user()));
		model.addAttribute("rows", Math.max(CollectionPagesController.SIGNER_ROWS, collection.signers().size() + 1));
		model.addAttribute("copyRows", Math.max(COPY_ROWS, collection.copies().size() + 1));
		model.addAttribute("deadlineDay", collection.deadline() == null ? ""
				: LocalDate.ofInstant(collection.deadline(), CollectionPagesController.PARIS).minusDays(1).toString());
		model.addAttribute("reminders", String.join(", ", collection.reminderDays().stream().map(String::valueOf).toList()));
		return "collection/edit";
	}

	@PostMapping("/collectes/{id}/modifier")
	String update(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id, HttpServletRequest request,
			@RequestParam(name = "title", required = false) String title,
			@RequestParam(name = "message", required = false) String message,
			@RequestParam(name = "deadline", required = false) String deadline,
			@RequestParam(name = "reminders", required = false) String reminders,
			@RequestParam(name = "order", required = false) String order,
			@RequestParam(name = "seal", defaultValue = "false") boolean seal, RedirectAttributes redirect) {
		Membership member = pages.membership(principal);
		try {
			Collection current = collections.find(member.user(), member.firm(), id);
			int rows = Math.max(CollectionPagesController.SIGNER_ROWS, current.signers().size() + 1);
			List<DraftRequest.NewSigner> signers = new ArrayList<>();
			for (int i = 1; i <= rows; i++) {
				DraftRequest.NewSigner signer = CollectionPagesController.signer(request, i);
				if (signer != null) {
					signers.add(withPlaces(signer, placesOf(current, request.getParameter("signer" + i + ".id"))));
				}
			}
			List<DraftRequest.Copy> copies = copies(request, Math.max(COPY_ROWS, current.copies().size() + 1));
			LocalDate day = CollectionPagesController.date(deadline);
			SigningOrder chosen = order == null || order.isBlank() ? SigningOrder.SEQUENTIAL : SigningOrder.valueOf(order);
			edits.update(member.user(), member.firm(), id, new DraftRequest(title, message,
					day == null ? null : day.plusDays(1).atStartOfDay(CollectionPagesController.PARIS).toInstant(), chosen,
					reminderDays(reminders), seal, signers, copies), CollectionApiController.origin(request));
			redirect.addFlashAttribute("success", "collection.edit.saved");
			return "redirect:/collectes/" + id;
		}
		catch (IllegalArgumentException badChoice) {
			PageRefusal.flash(new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badForm"), redirect);
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
		}
		return "redirect:/collectes/" + id + "/modifier";
	}

	/** The form's recipients in copy (rows {@code copyN.name}, {@code copyN.email}), blank rows left out. */
	static List<DraftRequest.Copy> copies(HttpServletRequest request, int rows) {
		List<DraftRequest.Copy> copies = new ArrayList<>();
		for (int i = 1; i <= rows; i++) {
			String name = request.getParameter("copy" + i + ".name");
			String email = request.getParameter("copy" + i + ".email");
			if ((name != null && !name.isBlank()) || (email != null && !email.isBlank())) {
				copies.add(new DraftRequest.Copy(name, email));
			}
		}
		return copies;
	}

	/** "3, 7" → [3, 7]; empty → none. */
	static List<Integer> reminderDays(String text) {
		List<Integer> days = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return days;
		}
		for (String part : text.split("[,;\\s]+")) {
			if (!part.isBlank()) {
				try {
					days.add(Integer.valueOf(part.strip()));
				}
				catch (NumberFormatException notANumber) {
					throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.reminders");
				}
			}
		}
		return days;
	}

	private static List<Place> placesOf(Collection current, String signerId) {
		if (signerId == null || signerId.isBlank()) {
			return null;
		}
		return current.signers()
			.stream()
			.filter(signer -> signer.id().toString().equals(signerId.strip()))
			.findFirst()
			.map(Collection.Signer::places)
			.orElse(null);
	}

	private static DraftRequest.NewSigner withPlaces(DraftRequest.NewSigner signer, List<Place> places) {
		return new DraftRequest.NewSigner(signer.kind(), signer.civility(), signer.givenName(), signer.surname(),
				signer.email(), signer.phone(), signer.userId(), signer.channel(), signer.step(), places,
				signer.options());
	}

	@PostMapping("/collectes/{id}/suppression")
	String delete(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id, HttpServletRequest request,
			RedirectAttributes redirect) {
		Membership member = pages.membership(principal);
		try {
			edits.delete(member.user(), member.firm(), id, CollectionApiController.origin(request));
			redirect.addFlashAttribute("success", "collection.edit.deleted");
			return "redirect:/collectes";
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
			return "redirect:/collectes/" + id;
		}
	}

	@PostMapping("/collectes/{id}/duplication")
	String duplicate(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			HttpServletRequest request, RedirectAttributes redirect) {
		Membership member = pages.membership(principal);
		try {
			Collection copy = models.duplicate(member.user(), member.firm(), id, CollectionApiController.origin(request));
			redirect.addFlashAttribute("success", "collection.model.duplicated");
			return "redirect:/collectes/" + copy.id();
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
			return "redirect:/collectes/" + id;
		}
	}

	@PostMapping("/collectes/{id}/modele")
	String saveModel(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@RequestParam(name = "name", required = false) String name, RedirectAttributes redirect) {
		Membership member = pages.membership(principal);
		try {
			models.save(member.user(), member.firm(), id, name);
			redirect.addFlashAttribute("success", "collection.model.saved");
			return "redirect:/collectes/modeles";
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
			return "redirect:/collectes/" + id;
		}
	}

	@GetMapping("/collectes/modeles")
	String models(@AuthenticationPrincipal ParapheUser principal, Model model) {
		Membership member = pages.membership(principal);
		model.addAttribute("models", models.list(member.user(), member.firm()));
		model.addAttribute("mayPrepare", member.may(Delegation.PREPARE));
		return "collection/models";
	}

	@PostMapping("/collectes/modeles/{model}/collecte")
	String fromModel(@AuthenticationPrincipal ParapheUser principal, @PathVariable("model") UUID modelId,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@RequestParam(name = "title", required = false) String title, HttpServletRequest request, Model model,
			HttpServletResponse response) {
		Membership member = pages.membership(principal);
		try {
			Collection created = models.createFrom(member.user(), member.firm(), modelId, title,
					CollectionApiController.uploads(files), CollectionApiController.origin(request)).collection();
			return "redirect:/collectes/" + created.id();
		}
		catch (ProblemException problem) {
			// Shown here (not flashed): the layout's refusals name the document, the page and both sizes.
			PageRefusal.show(problem, model.asMap());
			response.setStatus(problem.getStatusCode().value());
			model.addAttribute("failedModel", modelId);
			return models(principal, model);
		}
	}

	@PostMapping("/collectes/modeles/{model}/suppression")
	String deleteModel(@AuthenticationPrincipal ParapheUser principal, @PathVariable("model") UUID modelId,
			RedirectAttributes redirect) {
		Membership member = pages.membership(principal);
		models.delete(member.user(), member.firm(), modelId);
		redirect.addFlashAttribute("success", "collection.model.deleted");
		return "redirect:/collectes/modeles";
	}

}
