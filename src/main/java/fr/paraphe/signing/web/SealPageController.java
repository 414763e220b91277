package fr.paraphe.signing.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import fr.paraphe.firm.Delegation;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.shared.TemporaryFiles;
import fr.paraphe.terms.Terms;
import fr.paraphe.pades.Appearance;
import fr.paraphe.signing.FirmSeals;
import fr.paraphe.signing.internal.SealDrafts;
import fr.paraphe.pades.SignatureLevel;
import fr.paraphe.pades.SignatureParameters;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /cachet}: a member holding the SEAL delegation (an owner holds them all) seals a PDF with the firm's seal;
 * the POST redirects to a confirmation page ({@code /cachet/fait/{document}}) that downloads it as
 * {@code <name>-cachete.pdf} from the firm's documents, so that a reload or Back seals and charges nothing again.
 * {@link FirmSeals} checks the delegation, the CGU and the balance again and debits the firm. A refusal of the document or of the operation comes back on the page, in the
 * person's language, with the status that says why; no delegation (or no firm) is the 403 (404) error page.
 */
@Controller
class SealPageController {

	private final FirmSeals seals;

	private final Firms firms;

	private final SignatureLevel defaultLevel;

	private final SealDrafts drafts;

	private final TemporaryFiles temporary;

	private final fr.paraphe.signing.SealJobs jobs;

	private final SealJobPages jobPages;

	private final fr.paraphe.signing.internal.Documents documents;

	SealPageController(FirmSeals seals, Firms firms, SealDrafts drafts,
			@Value("${paraphe.signing.default-level:B_LT}") String defaultLevel, TemporaryFiles temporary,
			fr.paraphe.signing.SealJobs jobs, SealJobPages jobPages, fr.paraphe.signing.internal.Documents documents) {
		this.documents = documents;
		this.jobs = jobs;
		this.jobPages = jobPages;
		this.temporary = temporary;
		this.drafts = drafts;
		this.seals = seals;
		this.firms = firms;
		this.defaultLevel = SignatureLevel.parse(defaultLevel).orElse(SignatureLevel.B_LT);
	}

	@GetMapping("/cachet")
	String form(@AuthenticationPrincipal ParapheUser principal, Model model) {
		Membership member = sealer(principal);
		prepare(model.asMap(), member);
		return "signing/seal";
	}

	@PostMapping("/cachet")
	ModelAndView seal(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(name = "level", required = false) String level,
			@RequestParam(name = "visible", required = false) String visible,
			@RequestParam(name = "page", required = false) String page, @RequestParam(name = "x", required = false) String x,
			@RequestParam(name = "y", required = false) String y,
			@RequestParam(name = "width", required = false) String width,
			@RequestParam(name = "height", required = false) String height,
			@RequestParam(name = "reason", required = false) String reason,
			@RequestParam(name = "certify", required = false) String certify,
			@RequestParam(name = "preview", required = false) String preview) {
		Membership member = sealer(principal);
		Path input = null;
		try {
			if (file == null || file.isEmpty()) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.sealPage.noFile");
			}
			SignatureLevel chosen = level == null || level.isBlank() ? defaultLevel
					: SignatureLevel.parse(level)
						.orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "signing.api.badLevel"));
			String why = reason(reason);
			if ("true".equals(preview)) {
				// Placed on a picture of the page first: the PDF waits as a draft of this member.
				java.util.UUID draft = drafts.save(principal.user().id(), member.firm(), file.getOriginalFilename(),
						file.getBytes(), chosen, why, "true".equals(certify));
				return new ModelAndView("redirect:/cachet/" + draft + "/emplacement");
			}
			Appearance appearance = "true".equals(visible) ? Appearance.boxOrDefault(integer(page, 1), number(x),
					number(y), number(width), number(height)) : null;
			input = temporary.create("paraphe-seal-page-in-");
			file.transferTo(input);
			java.util.UUID document = seal(principal, member, input,
					parameters(chosen, why, "true".equals(certify), appearance), file.getOriginalFilename());
			return new ModelAndView("redirect:/cachet/fait/" + document);
		}
		catch (ProblemException problem) {
			ModelAndView refusal = refusal(Terms.resumable(problem, "/cachet"), "signing/seal");
			prepare(refusal.getModel(), member);
			return refusal;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			TemporaryFiles.delete(input);
		}
	}

	@GetMapping("/cachet/{id}/emplacement")
	String placement(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") java.util.UUID id,
			@RequestParam(name = "page", defaultValue = "1") int page, Model model) {
		sealer(principal);
		SealDrafts.Draft draft = draft(principal, id);
		// Back (or a reload) after sealing lands on the confirmation: nothing is sealed twice.
		java.util.Optional<java.util.UUID> sealed = drafts.sealedAs(principal.user().id(), id);
		if (sealed.isPresent()) {
			return "redirect:/cachet/fait/" + sealed.get();
		}
		if (drafts.sealing(principal.user().id(), id)) {
			model.addAttribute("fileName", draft.fileName());
			model.addAttribute("again", "/cachet/" + id + "/emplacement");
			return "signing/seal-pending";
		}
		return placementPage(draft).show(model.asMap(), drafts.pageSizes(principal.user().id(), id), page);
	}

	/**
	 * The confirmation after sealing (POST, redirect, GET): what was sealed, by whom, at which level, when, for
	 * what price, with the download. Reloading it seals nothing. Another firm's or an unknown document is 404.
	 */
	@GetMapping("/cachet/fait/{document}")
	String sealed(@AuthenticationPrincipal ParapheUser principal, @PathVariable("document") java.util.UUID id,
			Model model) {
		Membership member = sealer(principal);
		fr.paraphe.signing.internal.Documents.Document document = documents.find(principal.user().id(), id);
		if (document.kind() != fr.paraphe.signing.internal.Documents.Kind.SEAL) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "documents.notFound");
		}
		model.addAttribute("document", document);
		model.addAttribute("sealName", firms.nameOf(member.firm()));
		return "signing/seal-done";
	}

	@GetMapping(path = "/cachet/{id}/pages/{page}.png", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> picture(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") java.util.UUID id,
			@PathVariable("page") int page) {
		return PlacementPage.picture(drafts.pagePicture(principal.user().id(), id, page));
	}

	/**
	 * Seals a draft with the placement chosen on the picture, then shows the confirmation; the draft remembers the
	 * document it became until the draft retention purges it.
	 */
	@PostMapping("/cachet/{id}/emplacement")
	ModelAndView sealDraft(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") java.util.UUID id,
			@RequestParam(name = "visible", required = false) String visible,
			@RequestParam(name = "page", required = false) String page, @RequestParam(name = "x", required = false) String x,
			@RequestParam(name = "y", required = false) String y,
			@RequestParam(name = "width", required = false) String width,
			@RequestParam(name = "height", required = false) String height) {
		Membership member = sealer(principal);
		SealDrafts.Draft draft = draft(principal, id);
		// One submission seals the draft; a second one (a double click, Back then submit again) seals nothing and
		// is shown the confirmation, or the wait while the first one seals.
		if (!drafts.claim(principal.user().id(), id)) {
			return new ModelAndView("redirect:/cachet/" + id + "/emplacement");
		}
		Path input = null;
		boolean sealed = false;
		try {
			Appearance appearance = "true".equals(visible) ? Appearance.boxOrDefault(integer(page, 1), number(x),
					number(y), number(width), number(height)) : null;
			input = temporary.create("paraphe-seal-draft-");
			Files.write(input, drafts.document(principal.user().id(), id));
			java.util.UUID document = seal(principal, member, input,
					parameters(draft.level(), draft.reason(), draft.certify(), appearance), draft.fileName());
			drafts.sealed(principal.user().id(), id, document);
			sealed = true;
			return new ModelAndView("redirect:/cachet/fait/" + document);
		}
		catch (ProblemException problem) {
			ModelAndView refusal = refusal(Terms.resumable(problem, "/cachet/" + id + "/emplacement"), "signing/place");
			placementPage(draft).show(refusal.getModel(), drafts.pageSizes(principal.user().id(), id), integer(page, 1));
			return refusal;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (!sealed) {
				drafts.release(principal.user().id(), id);
			}
			TemporaryFiles.delete(input);
		}
	}

	private SealDrafts.Draft draft(ParapheUser principal, java.util.UUID id) {
		return drafts.find(principal.user().id(), id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "signing.error.noRequest"));
	}

	private static PlacementPage placementPage(SealDrafts.Draft draft) {
		return new PlacementPage("/cachet/" + draft.id(), draft.fileName(), "signing.sealPlace.title",
				"signing.sealPlace.help", "signing.sealPlace.boxLabel", "signing.sealPage.visible",
				"product.seal.submit");
	}

	private static SignatureParameters parameters(SignatureLevel level, String reason, boolean certify,
			Appearance appearance) {
		SignatureParameters parameters = new SignatureParameters(level, null, null, reason, null, null, null, 0);
		if (certify) {
			// A certification seal (ISO 32000-1 §12.8.2.2, DocMDP P=2): later signatures and form filling only.
			parameters = parameters.withCertification(2);
		}
		return appearance == null ? parameters : parameters.withAppearance(appearance, null);
	}

	private static String reason(String reason) {
		return fr.paraphe.shared.Names.text(reason, SignatureParameters.MAX_TEXT);
	}

	/**
	 * {@code POST /cachet/lots}: several PDFs (or one ZIP of PDFs) sealed as a bulk job in the background; the
	 * member follows its progress on {@code /cachet/lots/{id}} and downloads the ZIP at the end.
	 */
	@PostMapping("/cachet/lots")
	ModelAndView sealSeveral(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam(name = "files", required = false) java.util.List<MultipartFile> files,
			@RequestParam(name = "level", required = false) String level,
			@RequestParam(name = "reason", required = false) String reason,
			@RequestParam(name = "visible", required = false) String visible,
			@RequestParam(name = "certify", required = false) String certify) {
		Membership member = sealer(principal);
		try {
			fr.paraphe.signing.SealJobs.Settings settings = jobPages.settings(level, reason(reason), "true".equals(certify),
					"true".equals(visible), null, null, null, null, null);
			fr.paraphe.signing.SealJobs.Submitted submitted = jobs.submit(member.firm(), principal.user().id(),
					jobPages.uploads(files), settings, null, fr.paraphe.signing.internal.Documents.Channel.PAGE);
			return new ModelAndView("redirect:/cachet/lots/" + submitted.id());
		}
		catch (ProblemException problem) {
			ModelAndView refusal = refusal(Terms.resumable(problem, "/cachet"), "signing/seal");
			prepare(refusal.getModel(), member);
			return refusal;
		}
	}

	/** A bulk job's page: its progress bar (kept up to date by /js/seal-job.js), its errors, the ZIP at the end. */
	@GetMapping("/cachet/lots/{id}")
	String job(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") String id, Model model) {
		Membership member = sealer(principal);
		fr.paraphe.signing.SealJobs.Status status = jobs.status(member.firm(), principal.user().id(),
				SealJobPages.parseId(id));
		model.addAttribute("job", status);
		model.addAttribute("processed", status.done() + status.failed());
		model.addAttribute("failures", status.documents().stream().filter(d -> "FAILED".equals(d.status())).toList());
		return "signing/seal-job";
	}

	/** The job's progress as JSON, for the page's polling. */
	@GetMapping(path = "/cachet/lots/{id}/etat", produces = MediaType.APPLICATION_JSON_VALUE)
	@org.springframework.web.bind.annotation.ResponseBody
	java.util.Map<String, Object> jobState(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") String id) {
		Membership member = sealer(principal);
		java.util.UUID job = SealJobPages.parseId(id);
		return jobPages.json(jobs.status(member.firm(), principal.user().id(), job), "/cachet/lots/" + job + "/resultat.zip");
	}

	/** The job's ZIP: the sealed PDFs and the manifest. */
	@GetMapping("/cachet/lots/{id}/resultat.zip")
	org.springframework.http.ResponseEntity<org.springframework.core.io.InputStreamResource> jobResult(
			@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") String id) {
		Membership member = sealer(principal);
		return jobPages.zip(member.firm(), principal.user().id(), SealJobPages.parseId(id));
	}

	/**
	 * Seals {@code input} through {@link FirmSeals} (delegation, CGU, balance), which records it in the firm's
	 * {@link fr.paraphe.signing.internal.Documents}. @return that document's id, for the confirmation page
	 */
	private java.util.UUID seal(ParapheUser principal, Membership member, Path input, SignatureParameters parameters,
			String fileName) {
		Path output = temporary.create("paraphe-seal-page-out-");
		try {
			seals.seal(member.firm(), principal.user().id(), input, output, parameters, null,
					fr.paraphe.signing.internal.Documents.Origin.page(fileName));
			// The sealed PDF is unique (its signature time, its time-stamp): its digest names its entry.
			String sha256 = fr.paraphe.signing.internal.SealReplays.sha256(output);
			return documents.findBySha256(principal.user().id(), sha256)
				.orElseThrow(() -> new IllegalStateException("The sealed document was not recorded"))
				.id();
		}
		finally {
			TemporaryFiles.delete(output);
		}
	}

	/** A refusal shown on {@code view} with the status that says why ({@link PageRefusal}). */
	private static ModelAndView refusal(ProblemException problem, String view) {
		ModelAndView refusal = new ModelAndView(view, HttpStatus.valueOf(problem.getStatusCode().value()));
		refusal.addAllObjects(PageRefusal.attributes(problem, failureKey(problem)));
		return refusal;
	}

	private void prepare(java.util.Map<String, Object> model, Membership member) {
		model.put("levels", SignatureLevel.values());
		model.put("defaultLevel", defaultLevel);
		model.put("owner", member.isOwner());
	}

	/** The member's place in their firm, with the SEAL delegation. @throws ProblemException 404, 403 */
	private Membership sealer(ParapheUser principal) {
		Membership membership = firms.membershipOf(principal.user().id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
		return firms.require(principal.user().id(), membership.firm(), Delegation.SEAL);
	}

	/**
	 * The page's own wording where the API's would not fit a person: no seal (this module's refusal), balance short
	 * (402 Payment Required, whose link to the firm account comes with billing's refusal).
	 */
	private static String failureKey(ProblemException problem) {
		if (problem.getStatusCode().value() == HttpStatus.PAYMENT_REQUIRED.value()) {
			return "signing.sealPage.insufficient";
		}
		return FirmSeals.NO_SEAL.equals(problem.messageKey()) ? "signing.sealPage.noSeal" : problem.messageKey();
	}

	static String sealedName(String original) {
		return DownloadNames.base(original) + "-cachete.pdf";
	}


	private static int integer(String value, int otherwise) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException notANumber) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
		}
	}

	/** A number of the form, or null when not given (the default box's then). */
	private static Float number(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			float parsed = Float.parseFloat(value.strip().replace(',', '.'));
			if (!Float.isFinite(parsed)) {
				throw new NumberFormatException(value);
			}
			return parsed;
		}
		catch (NumberFormatException notANumber) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.error.badPlacement");
		}
	}

}
