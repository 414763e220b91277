package fr.paraphe.registration.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import fr.paraphe.identity.ParapheUser;
import fr.paraphe.identity.User;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.registration.internal.Registration;
import fr.paraphe.registration.internal.Registrations;
import fr.paraphe.shared.ProblemException;
import fr.paraphe.terms.Terms;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * "Votre compte": the person's signing certificate (details, PEM and DER downloads), the history of their
 * certificates and the CGU they accepted. Only the holder's own certificates are reachable here.
 */
@Controller
@RequestMapping("/compte")
class AccountController {

	private final CertificationAuthority authority;

	private final Registrations registrations;

	private final Terms terms;

	private final Clock clock;

	AccountController(CertificationAuthority authority, Registrations registrations, Terms terms, Clock clock) {
		this.authority = authority;
		this.registrations = registrations;
		this.terms = terms;
		this.clock = clock;
	}

	@GetMapping
	String account(@AuthenticationPrincipal ParapheUser principal, Model model) {
		User user = principal.user();
		Instant now = clock.instant();
		List<CertificateDetails> history = authority.certificatesOf(user.id())
			.stream()
			.map(certificate -> CertificateDetails.of(certificate, now))
			.toList();
		model.addAttribute("user", user);
		model.addAttribute("certificate", history.stream().filter(CertificateDetails::valid).findFirst().orElse(null));
		model.addAttribute("history", history);
		model.addAttribute("acceptances", terms.acceptancesOf(user.id()));
		model.addAttribute("termsAccepted", terms.hasAccepted(user.id()));
		List<Registration> mine = registrations.mine(user.id());
		model.addAttribute("latest", mine.isEmpty() ? null : mine.get(0));
		model.addAttribute("registrationNeeded", user.isFirmMember() && registrations.needsRegistration(user));
		return "registration/account";
	}

	@GetMapping("/certificats/{serial}.pem")
	ResponseEntity<byte[]> pem(@AuthenticationPrincipal ParapheUser principal, @PathVariable String serial) {
		IssuedCertificate certificate = own(principal.user(), serial);
		String pem = "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.encoded())
				+ "\n-----END CERTIFICATE-----\n";
		return download(pem.getBytes(StandardCharsets.US_ASCII), "application/x-pem-file",
				"certificat-" + certificate.serial().hex() + ".pem");
	}

	@GetMapping("/certificats/{serial}.der")
	ResponseEntity<byte[]> der(@AuthenticationPrincipal ParapheUser principal, @PathVariable String serial) {
		IssuedCertificate certificate = own(principal.user(), serial);
		return download(certificate.encoded(), "application/pkix-cert", "certificat-" + certificate.serial().hex() + ".cer");
	}

	private IssuedCertificate own(User user, String serial) {
		return authority.certificatesOf(user.id())
			.stream()
			.filter(certificate -> certificate.serial().hex().equalsIgnoreCase(serial))
			.findFirst()
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "error.404.detail"));
	}

	private static ResponseEntity<byte[]> download(byte[] body, String type, String filename) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(type))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(body);
	}

}
