package fr.paraphe.pki.web;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.paraphe.pki.IssuedCertificate;

/**
 * A certificate as the administration pages show it: French labels, dates in Paris time.
 */
record CertificateView(String serial, String commonName, String subject, String issuer, String profile,
		String authority, String status, String statusClass, String notBefore, String notAfter, String issuedAt,
		String revokedAt, String revocationReason, String keyAlgorithm, String signatureAlgorithm,
		List<String> keyUsage, List<String> extendedKeyUsage, String fingerprint, String holder, boolean revocable) {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.FRENCH)
		.withZone(PARIS);

	private static final String[] KEY_USAGES = { "digitalSignature", "nonRepudiation (contentCommitment)",
			"keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly",
			"decipherOnly" };

	private static final Map<String, String> EXTENDED_KEY_USAGES = Map.of("1.3.6.1.5.5.7.3.9",
			"id-kp-OCSPSigning", "1.3.6.1.5.5.7.3.8", "id-kp-timeStamping");

	static final Map<String, String> PROFILES = Map.of("ROOT_CA", "AC racine", "ISSUING_CA", "AC émettrice",
			"OCSP_RESPONDER", "Répondeur OCSP", "TIME_STAMPING", "Unité d’horodatage", "NATURAL_PERSON",
			"Personne physique (EN 319 412-2)", "LEGAL_PERSON", "Personne morale – cachet (EN 319 412-3)");

	static final Map<String, String> REASONS = Map.of("UNSPECIFIED", "Non précisé (unspecified)", "KEY_COMPROMISE",
			"Compromission de la clé (keyCompromise)", "CA_COMPROMISE", "Compromission de l’AC (cACompromise)",
			"AFFILIATION_CHANGED", "Changement d’affiliation (affiliationChanged)", "SUPERSEDED",
			"Remplacé (superseded)", "CESSATION_OF_OPERATION", "Cessation d’activité (cessationOfOperation)",
			"PRIVILEGE_WITHDRAWN", "Retrait du privilège (privilegeWithdrawn)");

	static CertificateView of(IssuedCertificate issued, Instant now) {
		X509Certificate certificate = issued.certificate();
		List<String> keyUsage = new ArrayList<>();
		boolean[] usage = certificate.getKeyUsage();
		if (usage != null) {
			for (int i = 0; i < usage.length && i < KEY_USAGES.length; i++) {
				if (usage[i]) {
					keyUsage.add(KEY_USAGES[i]);
				}
			}
		}
		List<String> extendedKeyUsage = new ArrayList<>();
		try {
			if (certificate.getExtendedKeyUsage() != null) {
				for (String oid : certificate.getExtendedKeyUsage()) {
					extendedKeyUsage.add(EXTENDED_KEY_USAGES.getOrDefault(oid, oid));
				}
			}
		}
		catch (CertificateParsingException unreadable) {
			extendedKeyUsage.add("illisible");
		}
		IssuedCertificate.Status status = issued.status(now);
		String statusText = switch (status) {
			case VALID -> "Valide";
			case REVOKED -> "Révoqué";
			case EXPIRED -> "Expiré";
			case NOT_YET_VALID -> "Pas encore valide";
		};
		return new CertificateView(issued.serial().hex(), commonName(issued.subject()), issued.subject(),
				certificate.getIssuerX500Principal().getName(), PROFILES.getOrDefault(issued.profile().name(), issued.profile().name()),
				issued.issuer().commonName(), statusText, status.name().toLowerCase(Locale.ROOT),
				DATE_TIME.format(issued.notBefore()), DATE_TIME.format(issued.notAfter()),
				DATE_TIME.format(issued.issuedAt()), issued.revokedAt() == null ? null : DATE_TIME.format(issued.revokedAt()),
				issued.revocationReason() == null ? null : REASONS.get(issued.revocationReason().name()),
				issued.key().algorithm().name(), certificate.getSigAlgName(), keyUsage, extendedKeyUsage,
				issued.sha256Fingerprint(), issued.holder(), issued.profile().isEndEntity() && !issued.isRevoked());
	}

	private static String commonName(String subject) {
		for (String part : subject.split(",")) {
			if (part.startsWith("CN=")) {
				return part.substring(3);
			}
		}
		return subject;
	}

}
