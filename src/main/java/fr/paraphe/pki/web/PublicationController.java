package fr.paraphe.pki.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import fr.paraphe.pki.Authority;
import fr.paraphe.pki.CertificationAuthority;
import fr.paraphe.pki.IssuedCertificate;
import fr.paraphe.pki.internal.Certificates;
import fr.paraphe.pki.internal.CrlPublisher;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publication points (public, no login): the CA certificates in DER ({@code application/pkix-cert}, RFC
 * 2585 §4.1) and PEM (RFC 7468), and the CRLs ({@code application/pkix-crl}, RFC 2585 §4.2) that the
 * certificates' CRL distribution points and AIA name.
 */
@RestController
class PublicationController {

	static final MediaType PKIX_CERT = MediaType.parseMediaType("application/pkix-cert");

	static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");

	static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

	/** The certificates published under /pki/ca/. */
	private static final Set<Authority> PUBLISHED = Set.of(Authority.ROOT, Authority.PERSONNES, Authority.CACHETS,
			Authority.USAGE_UNIQUE, Authority.TSA);

	private final CertificationAuthority ca;

	private final CrlPublisher crls;

	PublicationController(CertificationAuthority ca, CrlPublisher crls) {
		this.ca = ca;
		this.crls = crls;
	}

	@GetMapping("/pki/ca/{name}.crt")
	ResponseEntity<byte[]> der(@PathVariable String name, HttpServletResponse response) throws IOException {
		Optional<IssuedCertificate> certificate = certificate(name);
		if (certificate.isEmpty()) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return null;
		}
		return ResponseEntity.ok()
			.contentType(PKIX_CERT)
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
			.body(certificate.get().encoded());
	}

	@GetMapping("/pki/ca/{name}.pem")
	ResponseEntity<String> pem(@PathVariable String name, HttpServletResponse response) throws IOException {
		Optional<IssuedCertificate> certificate = certificate(name);
		if (certificate.isEmpty()) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return null;
		}
		String body = "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate.get().encoded())
				+ "\n-----END CERTIFICATE-----\n";
		return ResponseEntity.ok()
			.contentType(PEM)
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
			.body(body);
	}

	@GetMapping("/pki/crl/{name}.crl")
	ResponseEntity<byte[]> crl(@PathVariable String name, HttpServletResponse response) throws IOException {
		Optional<Certificates.StoredCrl> crl = Authority.fromPublicName(name)
			.filter(CrlPublisher.ISSUERS::contains)
			.flatMap(crls::latest);
		if (crl.isEmpty()) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return null;
		}
		// A revocation publishes a new CRL at once: caches may keep one for a minute at most.
		return ResponseEntity.ok()
			.contentType(PKIX_CRL)
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
			.lastModified(crl.get().thisUpdate())
			.body(crl.get().der());
	}

	private Optional<IssuedCertificate> certificate(String name) {
		return Authority.fromPublicName(name)
			.filter(PUBLISHED::contains)
			.map(ca::authority);
	}

}
