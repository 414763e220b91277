package fr.paraphe.collection.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import fr.paraphe.collection.internal.Channel;
import fr.paraphe.collection.internal.Collection;
import fr.paraphe.collection.internal.CollectionStatus;
import fr.paraphe.collection.internal.Collections;
import fr.paraphe.collection.internal.DraftRequest;
import fr.paraphe.collection.internal.Place;
import fr.paraphe.collection.internal.SignerKind;
import fr.paraphe.collection.internal.SigningOrder;
import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.pades.Appearance;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.PageSize;

import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The firm's pages: {@code /collectes} (every collection, filtered and searched), a collection's page (its signers,
 * timeline and actions: launch, send back, cancel, remind, download), the preparation of a draft and the placement
 * of each signer's signature on the page pictures. The service checks the delegations; refusals a person can act on
 * are shown on the page ({@link PageRefusal}).
 */
@Controller
class CollectionPagesController {

	/** Signer rows on the preparation form. */
	static final int SIGNER_ROWS = 6;

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final Collections collections;

	private final Firms firms;

	CollectionPagesController(Collections collections, Firms firms) {
		this.collections = collections;
		this.firms = firms;
	}

	@GetMapping("/collectes")
	String list(@AuthenticationPrincipal ParapheUser principal, @RequestParam(name = "etat", required = false) String status,
			@RequestParam(name = "du", required = false) String from, @RequestParam(name = "au", required = false) String to,
			@RequestParam(name = "q", required = false) String search, Model model) {
		Membership member = membership(principal);
		CollectionStatus wanted = parse(status);
		LocalDate since = date(from);
		LocalDate until = date(to);
		model.addAttribute("collections", collections.list(member.user(), member.firm(), wanted,
				since == null ? null : since.atStartOfDay(PARIS).toInstant(),
				until == null ? null : until.plusDays(1).atStartOfDay(PARIS).toInstant(), search));
		model.addAttribute("statuses", CollectionStatus.values());
		model.addAttribute("status", wanted == null ? "" : wanted.name());
		model.addAttribute("from", since == null ? "" : since.toString());
		model.addAttribute("to", until == null ? "" : until.toString());
		model.addAttribute("q", search == null ? "" : search);
		model.addAttribute("mayPrepare", member.may(Delegation.PREPARE));
		return "collection/list";
	}

	@GetMapping("/collectes/nouvelle")
	String form(@AuthenticationPrincipal ParapheUser principal, Model model) {
		Membership member = membership(principal);
		firms.require(member.user(), member.firm(), Delegation.PREPARE);
		model.addAttribute("colleagues", firms.colleagues(member.firm(), member.user()));
		model.addAttribute("rows", SIGNER_ROWS);
		return "collection/prepare";
	}

	@PostMapping("/collectes")
	String create(@AuthenticationPrincipal ParapheUser principal, HttpServletRequest request,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@RequestParam(name = "title", required = false) String title,
			@RequestParam(name = "message", required = false) String message,
			@RequestParam(name = "deadline", required = false) String deadline,
			@RequestParam(name = "order", required = false) String order,
			@RequestParam(name = "seal", defaultValue = "false") boolean seal, RedirectAttributes redirect) {
		Membership member = membership(principal);
		try {
			List<DraftRequest.NewSigner> signers = new ArrayList<>();
			for (int i = 1; i <= SIGNER_ROWS; i++) {
				DraftRequest.NewSigner signer = signer(request, i);
				if (signer != null) {
					signers.add(signer);
				}
			}
			LocalDate day = date(deadline);
			SigningOrder chosen = order == null || order.isBlank() ? SigningOrder.SEQUENTIAL : SigningOrder.valueOf(order);
			List<Collections.Upload> uploads = new ArrayList<>();
			for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
				if (!file.isEmpty()) {
					uploads.add(new Collections.Upload(file.getOriginalFilename(), file.getBytes()));
				}
			}
			Collection created = collections.create(member.user(), member.firm(), new DraftRequest(title, message,
					day == null ? null : day.plusDays(1).atStartOfDay(PARIS).toInstant(), chosen, null, seal, signers,
					DraftPagesController.copies(request, DraftPagesController.COPY_ROWS)),
					uploads, null, CollectionApiController.origin(request)).collection();
			return "redirect:/collectes/" + created.id();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (IllegalArgumentException badChoice) {
			PageRefusal.flash(new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badForm"), redirect);
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
		}
		return "redirect:/collectes/nouvelle";
	}

	static DraftRequest.NewSigner signer(HttpServletRequest request, int row) {
		String prefix = "signer" + row + ".";
		String kind = request.getParameter(prefix + "kind");
		String member = request.getParameter(prefix + "member");
		String given = request.getParameter(prefix + "givenName");
		String surname = request.getParameter(prefix + "surname");
		if ("MEMBER".equals(kind)) {
			if (member == null || member.isBlank()) {
				return null;
			}
			return new DraftRequest.NewSigner(SignerKind.MEMBER, null, null, null, null, null, UUID.fromString(member),
					null, step(request.getParameter(prefix + "step"), row), null, SignerOptionsForm.of(request, prefix));
		}
		if ((given == null || given.isBlank()) && (surname == null || surname.isBlank())) {
			return null;
		}
		String channel = request.getParameter(prefix + "channel");
		return new DraftRequest.NewSigner(SignerKind.CLIENT, request.getParameter(prefix + "civility"), given, surname,
				request.getParameter(prefix + "email"), request.getParameter(prefix + "phone"),
				null, channel == null || channel.isBlank() ? null : Channel.valueOf(channel),
				step(request.getParameter(prefix + "step"), row), null, SignerOptionsForm.of(request, prefix));
	}

	private static Integer step(String value, int row) {
		if (value == null || value.isBlank()) {
			return row;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException notANumber) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.step", row);
		}
	}

	@GetMapping("/collectes/{id}")
	String collection(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id, Model model) {
		Membership member = membership(principal);
		Collection collection = collections.find(member.user(), member.firm(), id);
		model.addAttribute("collection", collection);
		model.addAttribute("timeline", collections.timeline(member.user(), member.firm(), id));
		model.addAttribute("names", collection.signers()
			.stream()
			.collect(Collectors.toMap(Collection.Signer::id, signer -> name(signer, member), (a, b) -> a)));
		model.addAttribute("mayLaunch", member.may(Delegation.LAUNCH));
		model.addAttribute("mayPrepare", member.may(Delegation.PREPARE));
		return "collection/collection";
	}

	private String name(Collection.Signer signer, Membership member) {
		if (signer.kind() == SignerKind.CLIENT) {
			return signer.displayName();
		}
		return firms.colleagues(member.firm(), member.user())
			.stream()
			.filter(colleague -> signer.userId().equals(colleague.userId()))
			.map(colleague -> colleague.displayName() == null ? colleague.invitedAs() : colleague.displayName())
			.findFirst()
			.orElse("—");
	}

	@PostMapping("/collectes/{id}/lancement")
	String launch(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id, HttpServletRequest request,
			RedirectAttributes redirect) {
		return act(principal, id, redirect, "collection.page.launched",
				member -> collections.launch(member.user(), member.firm(), id, null, CollectionApiController.origin(request)));
	}

	@PostMapping("/collectes/{id}/renvoi")
	String sendBack(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@RequestParam(name = "comment", required = false) String comment, HttpServletRequest request,
			RedirectAttributes redirect) {
		return act(principal, id, redirect, "collection.page.sentBack", member -> collections.sendBack(member.user(),
				member.firm(), id, comment, CollectionApiController.origin(request)));
	}

	@PostMapping("/collectes/{id}/annulation")
	String cancel(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@RequestParam(name = "reason", required = false) String reason, HttpServletRequest request,
			RedirectAttributes redirect) {
		return act(principal, id, redirect, "collection.page.cancelled", member -> collections.cancel(member.user(),
				member.firm(), id, reason, CollectionApiController.origin(request)));
	}

	@PostMapping("/collectes/{id}/signataires/{signer}/relance")
	String remind(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@PathVariable("signer") UUID signer, HttpServletRequest request, RedirectAttributes redirect) {
		return act(principal, id, redirect, "collection.page.reminded", member -> {
			collections.remind(member.user(), member.firm(), id, signer, CollectionApiController.origin(request));
			return null;
		});
	}

	private String act(ParapheUser principal, UUID id, RedirectAttributes redirect, String success,
			Function<Membership, Object> action) {
		Membership member = membership(principal);
		try {
			action.apply(member);
			redirect.addFlashAttribute("success", success);
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
		}
		return "redirect:/collectes/" + id;
	}

	@GetMapping("/collectes/{id}/documents/{number}.pdf")
	ResponseEntity<byte[]> document(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@PathVariable("number") int number) {
		Membership member = membership(principal);
		var version = collections.document(member.user(), member.firm(), id, number);
		return CollectionApiController.pdf(version.pdf(), version.fileName());
	}

	@GetMapping("/collectes/{id}/preuves.pdf")
	ResponseEntity<byte[]> evidencePdf(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id) {
		Membership member = membership(principal);
		return CollectionApiController.pdf(collections.evidencePdf(member.user(), member.firm(), id),
				"dossier-de-preuve-" + id + ".pdf");
	}

	@GetMapping(path = "/collectes/{id}/preuves.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> evidenceJson(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id) {
		Membership member = membership(principal);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(collections.evidenceJson(member.user(), member.firm(), id));
	}

	/** The placement of one signer's signature on one document of a draft, on the page pictures (as on /signer). */
	@GetMapping("/collectes/{id}/signataires/{signer}/documents/{number}/emplacement")
	String placement(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@PathVariable("signer") UUID signer, @PathVariable("number") int number,
			@RequestParam(name = "page", defaultValue = "1") int page, Model model) {
		Membership member = membership(principal);
		Collection collection = collections.find(member.user(), member.firm(), id);
		Collection.Document document = collection.documents()
			.stream()
			.filter(candidate -> candidate.number() == number)
			.findFirst()
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.error.noDocument"));
		Collection.Signer who = collection.signers()
			.stream()
			.filter(candidate -> candidate.id().equals(signer))
			.findFirst()
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "collection.error.notFound"));
		List<PageSize> pages = collections.pageSizes(member.user(), member.firm(), id, number);
		int shown = Math.max(1, Math.min(page, pages.size()));
		PageSize size = pages.get(shown - 1);
		Place current = who.places().stream().filter(place -> place.document() == number).findFirst().orElse(null);
		float width = current != null ? current.width() : Math.min(Appearance.DEFAULT_WIDTH, size.width());
		float height = current != null ? current.height() : Math.min(Appearance.DEFAULT_HEIGHT, size.height());
		Map<String, Object> map = model.asMap();
		map.put("base", "/collectes/" + id + "/signataires/" + signer + "/documents/" + number);
		map.put("fileName", document.fileName() + " — " + name(who, member));
		map.put("titleKey", "collection.place.title");
		map.put("helpKey", "signing.place.help");
		map.put("boxLabelKey", "signing.place.boxLabel");
		map.put("visibleKey", "signing.page.visible");
		map.put("submitKey", "collection.place.save");
		// Several places: the page adds one to those already placed, or replaces them all.
		map.put("addKey", "collection.place.add");
		map.put("placed", who.places().stream().filter(place -> place.document() == number).count());
		map.put("pageCount", pages.size());
		map.put("page", shown);
		map.put("pageWidth", Math.round(size.width()));
		map.put("pageHeight", Math.round(size.height()));
		map.put("boxWidth", Math.round(width));
		map.put("boxHeight", Math.round(height));
		map.put("boxX", Math.round(current != null && current.page() == shown ? current.x()
				: Math.max(0, size.width() - width - Appearance.DEFAULT_X)));
		map.put("boxY", Math.round(current != null && current.page() == shown ? current.y()
				: Math.min(Appearance.DEFAULT_Y, size.height() - height)));
		return "signing/place";
	}

	@GetMapping(path = "/collectes/{id}/signataires/{signer}/documents/{number}/pages/{page}.png",
			produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> picture(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@PathVariable("number") int number, @PathVariable("page") int page) {
		Membership member = membership(principal);
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofMinutes(10)).cachePrivate())
			.body(collections.pagePicture(member.user(), member.firm(), id, number, page));
	}

	@PostMapping("/collectes/{id}/signataires/{signer}/documents/{number}/emplacement")
	String place(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			@PathVariable("signer") UUID signer, @PathVariable("number") int number,
			@RequestParam(name = "visible", defaultValue = "false") boolean visible,
			@RequestParam(name = "page", defaultValue = "1") int page,
			@RequestParam(name = "x", required = false) Float x, @RequestParam(name = "y", required = false) Float y,
			@RequestParam(name = "width", required = false) Float width,
			@RequestParam(name = "height", required = false) Float height,
			@RequestParam(name = "add", defaultValue = "false") boolean add, RedirectAttributes redirect) {
		Membership member = membership(principal);
		try {
			Appearance box = Appearance.boxOrDefault(page, x, y, width, height);
			collections.place(member.user(), member.firm(), id, signer, number,
					visible ? new Place(number, box.page(), box.x(), box.y(), box.width(), box.height()) : null, add);
			redirect.addFlashAttribute("success", "collection.place.saved");
			return "redirect:/collectes/" + id;
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
			return "redirect:/collectes/" + id + "/signataires/" + signer + "/documents/" + number + "/emplacement?page="
					+ Math.max(1, page);
		}
	}

	Membership membership(ParapheUser principal) {
		return firms.membershipOf(principal.user().id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
	}

	private static CollectionStatus parse(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return CollectionStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			return null;
		}
	}

	static LocalDate date(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (java.time.format.DateTimeParseException notADate) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "collection.error.badDate");
		}
	}

}
