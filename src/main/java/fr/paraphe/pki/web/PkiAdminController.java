package fr.paraphe.pki.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import fr.paraphe.identity.PlatformAdminOnly;
import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificateSerial;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.KeyStore;
import fr.paraphe.pki.RevocationReason;
import fr.paraphe.pki.internal.Certificates;
import fr.paraphe.pki.internal.CrlPublisher;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The PKI's administration pages, for the platform administrator only: the CA hierarchy, the CRLs,
 * the search of issued certificates, and revocation.
 */
@Controller
@PlatformAdminOnly
class PkiAdminController {

	/** One row of the CRL table. */
	record CrlView(String authority, String publicName, long number, String thisUpdate, String nextUpdate, int entries) {
	}

	private final CertificationAuthority ca;

	private final CrlPublisher crls;

	private final KeyStore keyStore;

	private final Clock clock;

	PkiAdminController(CertificationAuthority ca, CrlPublisher crls, KeyStore keyStore, Clock clock) {
		this.ca = ca;
		this.crls = crls;
		this.keyStore = keyStore;
		this.clock = clock;
	}

	@GetMapping("/admin/pki")
	String overview(Model model) {
		Instant now = clock.instant();
		List<Map<String, Object>> hierarchy = new ArrayList<>();
		for (Authority authority : Authority.values()) {
			hierarchy.add(Map.of("role", authority.publicName(), "published",
					!authority.isOcspResponder(), "certificate",
					CertificateView.of(ca.authority(authority), now)));
		}
		List<CrlView> crlViews = new ArrayList<>();
		for (Authority authority : CrlPublisher.ISSUERS) {
			Optional<Certificates.StoredCrl> crl = crls.latest(authority);
			crl.ifPresent(found -> crlViews.add(new CrlView(authority.commonName(), authority.publicName(), found.number(),
					CertificateView.DATE_TIME.format(found.thisUpdate()), CertificateView.DATE_TIME.format(found.nextUpdate()),
					found.entries())));
		}
		model.addAttribute("hierarchy", hierarchy);
		model.addAttribute("crls", crlViews);
		model.addAttribute("keyStore", keyStore.kind());
		return "pki/admin";
	}

	@GetMapping("/admin/pki/certificats")
	String search(@RequestParam(name = "q", required = false, defaultValue = "") String query, Model model) {
		String text = query.length() > 200 ? query.substring(0, 200) : query;
		Instant now = clock.instant();
		model.addAttribute("query", text);
		model.addAttribute("results", ca.search(text, 100).stream().map(found -> CertificateView.of(found, now)).toList());
		return "pki/search";
	}

	@GetMapping("/admin/pki/certificats/{serial}")
	String certificate(@PathVariable String serial, Model model, HttpServletResponse response) throws IOException {
		Optional<IssuedCertificate> found = parse(serial).flatMap(ca::find);
		if (found.isEmpty()) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return null;
		}
		model.addAttribute("certificate", CertificateView.of(found.get(), clock.instant()));
		model.addAttribute("reasons", CertificateView.REASONS);
		model.addAttribute("reasonOrder", List.of(RevocationReason.values()).stream().map(Enum::name).toList());
		return "pki/certificate";
	}

	@PostMapping("/admin/pki/certificats/{serial}/revocation")
	String revoke(@PathVariable String serial, @RequestParam(name = "reason", required = false) String reason,
			RedirectAttributes redirect, HttpServletResponse response) throws IOException {
		Optional<CertificateSerial> parsed = parse(serial);
		Optional<RevocationReason> revocationReason = parseReason(reason);
		if (parsed.isEmpty()) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return null;
		}
		if (revocationReason.isEmpty()) {
			redirect.addFlashAttribute("error", "Choisissez un motif de révocation.");
			return "redirect:/admin/pki/certificats/" + parsed.get().hex();
		}
		try {
			ca.revoke(parsed.get(), revocationReason.get());
			redirect.addFlashAttribute("message",
					"Le certificat est révoqué ; la nouvelle CRL est publiée et OCSP répond « révoqué ».");
		}
		catch (CertificationAuthority.CertificateNotFoundException notFound) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return null;
		}
		catch (CertificationAuthority.AlreadyRevokedException already) {
			redirect.addFlashAttribute("error", "Ce certificat était déjà révoqué.");
		}
		return "redirect:/admin/pki/certificats/" + parsed.get().hex();
	}

	private static Optional<CertificateSerial> parse(String serial) {
		try {
			return Optional.of(CertificateSerial.parse(serial));
		}
		catch (IllegalArgumentException malformed) {
			return Optional.empty();
		}
	}

	private static Optional<RevocationReason> parseReason(String reason) {
		if (reason == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(RevocationReason.valueOf(reason));
		}
		catch (IllegalArgumentException unknown) {
			return Optional.empty();
		}
	}

}
