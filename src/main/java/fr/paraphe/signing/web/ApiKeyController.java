package fr.paraphe.signing.web;

import java.util.UUID;

import fr.paraphe.firm.Firm;
import fr.paraphe.firm.Firms;
import fr.paraphe.firm.Membership;
import fr.paraphe.identity.ParapheUser;
import fr.paraphe.shared.PageRefusal;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.signing.internal.ApiKeyRing;
import fr.paraphe.signing.FirmSeals;
import fr.paraphe.signing.SealChecks;
import fr.paraphe.pki.RevocationReason;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /cabinet/cles-api}: the firm owner creates and revokes the API keys of the sealing API, and manages the
 * firm's seal certificate: asks for it (a registration officer checks the firm first), revokes and renews it. A new key is shown once, right after its creation.
 */
@Controller
class ApiKeyController {

	private final ApiKeyRing apiKeys;

	private final FirmSeals seals;

	private final Firms firms;

	private final SealChecks checks;

	private final java.time.Clock clock;

	ApiKeyController(ApiKeyRing apiKeys, FirmSeals seals, Firms firms, SealChecks checks, java.time.Clock clock) {
		this.clock = clock;
		this.checks = checks;
		this.apiKeys = apiKeys;
		this.seals = seals;
		this.firms = firms;
	}

	@GetMapping("/cabinet/cles-api")
	String page(@AuthenticationPrincipal ParapheUser principal, Model model) {
		Membership owner = owner(principal);
		Firm firm = firms.firm(owner.firm(), principal.user().id());
		model.addAttribute("keys", apiKeys.list(principal.user().id(), owner.firm())
			.stream()
			.map(key -> new KeyView(key.id(), key.label(), key.prefix(), DAY_TIME.format(key.createdAt()),
					key.revokedAt() == null ? null : DAY.format(key.revokedAt()),
					key.scopes().stream().sorted().map(fr.paraphe.signing.internal.ApiScope::code).toList(),
					key.expiresAt() == null ? null : DAY_TIME.format(key.expiresAt()),
					key.lastUsedAt() == null ? null : DAY_TIME.format(key.lastUsedAt()),
					key.isExpired(clock.instant()),
					key.ratePerMinute() == null ? apiKeys.defaultRatePerMinute() : key.ratePerMinute()))
			.toList());
		model.addAttribute("defaultRate", apiKeys.defaultRatePerMinute());
		model.addAttribute("maxRate", apiKeys.maxRatePerMinute());
		model.addAttribute("scopes", java.util.Arrays.stream(fr.paraphe.signing.internal.ApiScope.values())
			.map(fr.paraphe.signing.internal.ApiScope::code)
			.toList());
		model.addAttribute("seal", seals.current(firm.siren())
			.map(seal -> new SealView(seal.subject(), DAY.format(seal.notAfter()), seal.serial().hex()))
			.orElse(null));
		model.addAttribute("firmComplete", firm.isComplete());
		model.addAttribute("checked", checks.isChecked(principal.user().id(), owner.firm()));
		model.addAttribute("check", checks.latest(principal.user().id(), owner.firm()).orElse(null));
		model.addAttribute("reasons", FirmSeals.OWNER_REASONS);
		model.addAttribute("history", seals.certificates(principal.user().id(), owner.firm())
			.stream()
			.map(seal -> new HistoryView(seal.serial().hex(), DAY.format(seal.issuedAt()), DAY.format(seal.notAfter()),
					seal.revokedAt() == null ? null : DAY_TIME.format(seal.revokedAt()),
					seal.revocationReason() == null ? null : seal.revocationReason().name()))
			.toList());
		return "signing/api-keys";
	}

	@PostMapping("/cabinet/cles-api")
	String create(@AuthenticationPrincipal ParapheUser principal, @RequestParam(name = "libelle", required = false) String label,
			@RequestParam(name = "portees", required = false) java.util.List<String> scopes,
			@RequestParam(name = "expiration", required = false) String expiry,
			@RequestParam(name = "limite", required = false) String limit, RedirectAttributes redirect) {
		Membership owner = owner(principal);
		return outcome(redirect, null, () -> {
			java.util.Set<fr.paraphe.signing.internal.ApiScope> chosen = java.util.EnumSet.noneOf(fr.paraphe.signing.internal.ApiScope.class);
			for (String code : scopes == null ? java.util.List.<String>of() : scopes) {
				chosen.add(fr.paraphe.signing.internal.ApiScope.parse(code)
					.orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "signing.apiKey.noScope")));
			}
			ApiKeyRing.Created created = apiKeys.create(principal.user().id(), owner.firm(), label, chosen, expiry(expiry),
					limit(limit));
			redirect.addFlashAttribute("secret", created.secret());
		});
	}

	/** The key's own rate limit per minute; blank: the configured default. */
	private Integer limit(String perMinute) {
		if (perMinute == null || perMinute.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(perMinute.strip());
		}
		catch (NumberFormatException notANumber) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.apiKey.badRateLimit", apiKeys.maxRatePerMinute());
		}
	}

	/**
	 * The key stops working at the end of the chosen day (Paris time), given as {@code yyyy-MM-dd} by the date
	 * field; blank: never.
	 */
	private static java.time.Instant expiry(String day) {
		if (day == null || day.isBlank()) {
			return null;
		}
		try {
			return java.time.LocalDate.parse(day.strip())
				.plusDays(1)
				.atStartOfDay(java.time.ZoneId.of("Europe/Paris"))
				.toInstant();
		}
		catch (java.time.format.DateTimeParseException notADate) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.apiKey.badExpiry");
		}
	}

	@PostMapping("/cabinet/cles-api/{id}/revocation")
	String revoke(@AuthenticationPrincipal ParapheUser principal, @PathVariable("id") UUID id,
			RedirectAttributes redirect) {
		Membership owner = owner(principal);
		apiKeys.revoke(principal.user().id(), owner.firm(), id);
		redirect.addFlashAttribute("success", "signing.apiKey.revoked");
		return "redirect:/cabinet/cles-api";
	}

	/** "Demander le cachet du cabinet": the firm enters the registration officers' queue. */
	@PostMapping("/cabinet/cles-api/cachet/demande")
	String requestSeal(@AuthenticationPrincipal ParapheUser principal, RedirectAttributes redirect) {
		Membership owner = owner(principal);
		return outcome(redirect, "signing.check.requested", () -> checks.request(principal.user(), owner.firm()));
	}

	/** Revokes the seal certificate: a reason of RFC 5280 §5.3.1 and an explicit confirmation. */
	@PostMapping("/cabinet/cles-api/cachet/revocation")
	String revokeSeal(@AuthenticationPrincipal ParapheUser principal,
			@RequestParam(name = "motif", required = false) String reason,
			@RequestParam(name = "confirmation", required = false) String confirmation, RedirectAttributes redirect) {
		Membership owner = owner(principal);
		return outcome(redirect, "signing.seal.revoked", () -> {
			if (!"oui".equals(confirmation)) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "signing.seal.confirm");
			}
			RevocationReason parsed = reason == null ? null
					: FirmSeals.OWNER_REASONS.stream().filter(one -> one.name().equals(reason)).findFirst().orElse(null);
			seals.revoke(principal.user().id(), owner.firm(), parsed);
		});
	}

	/** A new certificate for a checked firm; the old one is revoked as superseded once the new one exists. */
	@PostMapping("/cabinet/cles-api/cachet/renouvellement")
	String renewSeal(@AuthenticationPrincipal ParapheUser principal, RedirectAttributes redirect) {
		Membership owner = owner(principal);
		return outcome(redirect, "signing.seal.renewed", () -> seals.renew(principal.user().id(), owner.firm()));
	}

	/** A refusal of the request itself (400, 409) is shown on the page; 403 and 404 go to the error page. */
	private static String outcome(RedirectAttributes redirect, String success, Runnable action) {
		try {
			action.run();
			if (success != null) {
				redirect.addFlashAttribute("success", success);
			}
		}
		catch (ProblemException problem) {
			PageRefusal.flash(problem, redirect);
		}
		return "redirect:/cabinet/cles-api";
	}

	private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter
		.ofPattern("dd/MM/yyyy")
		.withZone(java.time.ZoneId.of("Europe/Paris"));

	private static final java.time.format.DateTimeFormatter DAY_TIME = java.time.format.DateTimeFormatter
		.ofPattern("dd/MM/yyyy HH:mm")
		.withZone(java.time.ZoneId.of("Europe/Paris"));

	/** A key as the page shows it, dates in Paris time. */
	record KeyView(UUID id, String label, String prefix, String createdAt, String revokedAt,
			java.util.List<String> scopes, String expiresAt, String lastUsedAt, boolean expired, int ratePerMinute) {

		public boolean isRevoked() {
			return revokedAt != null;
		}

	}

	record SealView(String subject, String notAfter, String serial) {
	}

	/** One of the firm's seal certificates, for the history table. */
	record HistoryView(String serial, String issuedAt, String notAfter, String revokedAt, String reason) {
	}

	private Membership owner(ParapheUser principal) {
		Membership membership = firms.membershipOf(principal.user().id())
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "firm.notFound"));
		return firms.requireOwner(principal.user().id(), membership.firm());
	}

}
