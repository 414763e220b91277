package fr.paraphe.firm.web;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.paraphe.audit.AuditEntry;
import fr.paraphe.audit.AuditTrail;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firm;
import fr.paraphe.firm.FirmDetails;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.firm.internal.Members;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.identity.User;
import fr.paraphe.identity.Users;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.UserId;

import jakarta.validation.Valid;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Mon cabinet": the firm's details, its collaborators and their delegations ("Gestion des délégations"),
 * and, for a collaborator without a place yet, "Demander un accès". Every action is checked again by
 * {@link Firms}; the page only shows what the user may do.
 */
@Controller
@RequestMapping("/cabinet")
class FirmController {

	private final Firms firms;

	private final Members members;

	private final AuditTrail audit;

	private final Users users;

	FirmController(Firms firms, Members members, AuditTrail audit, Users users) {
		this.firms = firms;
		this.members = members;
		this.audit = audit;
		this.users = users;
	}

	@GetMapping
	String firm(@AuthenticationPrincipal ParapheUser principal, Model model) {
		User user = principal.user();
		Optional<Membership> membership = firms.membershipOf(user.id());
		if (membership.isEmpty()) {
			return user.isFirmMember() ? "redirect:/cabinet/acces" : "redirect:/";
		}
		Membership member = membership.get();
		Firm firm = firms.firm(member.firm(), user.id());
		model.addAttribute("firm", firm);
		model.addAttribute("membership", member);
		model.addAttribute("delegations", Delegation.values());
		if (member.isOwner()) {
			model.addAttribute("members", members.members(member.firm(), user.id()));
			model.addAttribute("accessRequests", members.accessRequests(member.firm(), user.id()));
			model.addAttribute("handOverCandidates", members.handOverCandidates(member.firm(), user.id()));
			model.addAttribute("closingQuestions", firms.closingQuestions(member.firm(), user.id()));
			List<AuditEntry> journal = audit.forFirm(member.firm(), 50);
			model.addAttribute("journal", journal);
			model.addAttribute("actorNames", actorNames(journal));
			if (!model.containsAttribute("details")) {
				model.addAttribute("details", new FirmDetails(firm.name(), firm.ordreNumber(), firm.addressLine(),
						firm.postalCode(), firm.city()));
			}
		}
		return "firm/firm";
	}

	@PostMapping("/details")
	String details(@AuthenticationPrincipal ParapheUser principal, @Valid @ModelAttribute("details") FirmDetails details,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		Membership member = membership(principal);
		details.faults().forEach((field, fault) -> {
			if (!errors.hasFieldErrors(field)) {
				errors.rejectValue(field, fault.messageKey(), fault.arguments(), null);
			}
		});
		if (errors.hasErrors()) {
			model.addAttribute("detailsInvalid", true);
			return firm(principal, model);
		}
		firms.updateDetails(member.firm(), principal.user().id(), details);
		redirect.addFlashAttribute("success", "firm.details.saved");
		return "redirect:/cabinet";
	}

	@PostMapping("/collaborateurs")
	String add(@AuthenticationPrincipal ParapheUser principal, @RequestParam("identifiant") String identifier,
			RedirectAttributes redirect) {
		Membership member = membership(principal);
		UUID[] added = new UUID[1];
		String outcome = outcome(redirect, "firm.member.added",
				() -> added[0] = firms.addCollaborator(member.firm(), principal.user().id(), identifier));
		if (added[0] != null) {
			members.members(member.firm(), principal.user().id())
				.stream()
				.filter(m -> m.id().equals(added[0]) && m.hasLoggedIn())
				.findFirst()
				.ifPresent(linked -> {
					redirect.addFlashAttribute("success", "firm.member.linked");
					redirect.addFlashAttribute("linkedName", linked.displayName());
					redirect.addFlashAttribute("linkedBy",
							linked.matchedBy() == null ? null : linked.matchedBy().name());
					redirect.addFlashAttribute("linkedAs", linked.invitedAs());
				});
		}
		return outcome;
	}

	@PostMapping("/collaborateurs/{member}/retrait")
	String remove(@AuthenticationPrincipal ParapheUser principal, @PathVariable("member") UUID memberId,
			RedirectAttributes redirect) {
		Membership member = membership(principal);
		return outcome(redirect, "firm.member.removed",
				() -> firms.removeCollaborator(member.firm(), principal.user().id(), memberId));
	}

	@PostMapping("/collaborateurs/{member}/delegations")
	String grant(@AuthenticationPrincipal ParapheUser principal, @PathVariable("member") UUID memberId,
			@RequestParam("delegation") Delegation delegation,
			@RequestParam(name = "jusquau", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
			RedirectAttributes redirect) {
		Membership member = membership(principal);
		return outcome(redirect, "firm.delegation.granted",
				() -> firms.grant(member.firm(), principal.user().id(), memberId, delegation, until));
	}

	@PostMapping("/collaborateurs/{member}/delegations/{delegation}/retrait")
	String withdraw(@AuthenticationPrincipal ParapheUser principal, @PathVariable("member") UUID memberId,
			@PathVariable("delegation") Delegation delegation, RedirectAttributes redirect) {
		Membership member = membership(principal);
		return outcome(redirect, "firm.delegation.withdrawn",
				() -> firms.withdraw(member.firm(), principal.user().id(), memberId, delegation));
	}

	/** "Transmettre le cabinet": to another expert-comptable of the firm, who becomes its owner. */
	@PostMapping("/transmission")
	String handOver(@AuthenticationPrincipal ParapheUser principal, @RequestParam("membre") UUID memberId,
			RedirectAttributes redirect) {
		Membership member = membership(principal);
		return outcome(redirect, "firm.handOver.done",
				() -> firms.handOver(member.firm(), principal.user().id(), memberId));
	}

	/**
	 * "Fermer le cabinet": the owner types the firm's name and answers the questions (the balance); the firm is then
	 * closed and everyone loses access ({@link Firms#close}). A refusal comes back on /cabinet.
	 */
	@PostMapping("/fermeture")
	String close(@AuthenticationPrincipal ParapheUser principal, @RequestParam(name = "nom", required = false) String name,
			@RequestParam java.util.Map<String, String> form, RedirectAttributes redirect) {
		Membership member = membership(principal);
		try {
			firms.close(member.firm(), principal.user().id(), name, form);
		}
		catch (ProblemException problem) {
			if (problem.getStatusCode().value() == 403 || problem.getStatusCode().value() == 404) {
				throw problem;
			}
			PageRefusal.flash(problem, redirect);
			return "redirect:/cabinet#closing";
		}
		return "redirect:/cabinet/ferme";
	}

	/** After closing: what was done and what is kept, for the former owner who no longer has a firm. */
	@GetMapping("/ferme")
	String closed() {
		return "firm/closed";
	}

	@GetMapping("/acces")
	String access(@AuthenticationPrincipal ParapheUser principal, Model model) {
		User user = principal.user();
		if (firms.membershipOf(user.id()).isPresent()) {
			return "redirect:/cabinet";
		}
		if (!user.isFirmMember()) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound");
		}
		model.addAttribute("requested", firms.hasRequestedAccess(user));
		return "firm/access";
	}

	@PostMapping("/acces")
	String requestAccess(@AuthenticationPrincipal ParapheUser principal, RedirectAttributes redirect) {
		firms.requestAccess(principal.user());
		redirect.addFlashAttribute("success", "firm.access.sent");
		return "redirect:/cabinet/acces";
	}

	/** Who each actor of the journal is, in words: a user's name, the SSO, or Paraphe itself. */
	private Map<String, String> actorNames(List<AuditEntry> journal) {
		Map<String, String> names = new HashMap<>(audit.pseudonyms(journal.stream().map(AuditEntry::actor).toList()));
		for (AuditEntry entry : journal) {
			names.computeIfAbsent(entry.actor(),
					actor -> actorName(actor, id -> users.findById(id).map(User::displayName)));
		}
		return names;
	}

	/**
	 * An actor of the audit trail in words: "Comptexpert" for the SSO, the person's name for a user, "Paraphe" for
	 * what the platform did itself ("system", jobs), never an internal word.
	 */
	static String actorName(String actor, java.util.function.Function<UserId, Optional<String>> userNames) {
		if ("sso".equals(actor)) {
			return "Comptexpert";
		}
		try {
			return userNames.apply(new UserId(UUID.fromString(actor))).orElse(actor);
		}
		catch (IllegalArgumentException notAUserId) {
			return "Paraphe";
		}
	}

	private Membership membership(ParapheUser principal) {
		return firms.membershipOf(principal.user().id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
	}

	/**
	 * Runs an owner's action and comes back to the page with its outcome; a refusal of the request itself
	 * (400, 409) is shown there, while 403 and 404 go to the error page.
	 */
	private static String outcome(RedirectAttributes redirect, String success, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("success", success);
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
		}
		return "redirect:/cabinet";
	}


}
