package fr.paraphe.signing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.paraphe.shared.Auditable;
import fr.paraphe.shared.FirmId;

/** What the signing module publishes for the audit trail (no document content: its SHA-256 only). */
public final class SigningEvents {

	private SigningEvents() {
	}

	/** A PDF was sealed with the firm's seal. */
	public record DocumentSealed(FirmId firm, String actor, String level, String certificateSerial, String sha256,
			UUID document, UUID eventId) implements Auditable {

		/** @param document the sealed document's id: its debit's key is {@code seal:<document>} */
		public DocumentSealed(FirmId firm, String actor, String level, String certificateSerial, String sha256,
				UUID document) {
			this(firm, actor, level, certificateSerial, sha256, document, UUID.randomUUID());
		}

		@Override
		public String action() {
			return "signing.document.sealed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("level", level, "certificate", certificateSerial, "sha256", sha256, "document",
					String.valueOf(document));
		}

	}

	/**
	 * Documents of a bulk sealing job sealed with the firm's seal and recorded together (a worker's batch): one audit
	 * entry for them, naming the job and each document's index and SHA-256 after sealing (the job's manifest, sealed
	 * by the platform, lists the same with the SHA-256 before; the firm's register holds each document). Not
	 * {@link DocumentSealed}: that one is a single seal's, whose debit it names.
	 */
	public record JobDocumentsSealed(FirmId firm, String actor, UUID job, String level, String certificateSerial,
			List<JobDocument> documents, UUID eventId) implements Auditable {

		public JobDocumentsSealed(FirmId firm, String actor, UUID job, String level, String certificateSerial,
				List<JobDocument> documents) {
			this(firm, actor, job, level, certificateSerial, List.copyOf(documents), UUID.randomUUID());
		}

		@Override
		public String action() {
			return "signing.job.documents.sealed";
		}

		/** {@code documents}: {@code <index>:<sha256>} for each, comma-separated, in the batch's order. */
		@Override
		public Map<String, String> details() {
			return Map.of("job", String.valueOf(job), "level", level, "certificate", certificateSerial, "count",
					String.valueOf(documents.size()), "documents", String.join(",",
							documents.stream().map(document -> document.index() + ":" + document.sha256()).toList()));
		}

	}

	/** A job's document in {@link JobDocumentsSealed}: its index in the job and its SHA-256 after sealing. */
	public record JobDocument(int index, String sha256) {
	}

	/** A user signed a PDF with their signing certificate. */
	public record DocumentSigned(FirmId firm, String actor, String level, String certificateSerial, String sha256, UUID eventId)
			implements Auditable {

		public DocumentSigned(FirmId firm, String actor, String level, String certificateSerial, String sha256) {
			this(firm, actor, level, certificateSerial, sha256, UUID.randomUUID());
		}

		@Override
		public String action() {
			return "signing.document.signed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("level", level, "certificate", certificateSerial, "sha256", sha256);
		}

	}

	/** The signatures of a signed PDF were raised to a higher level. */
	public record DocumentExtended(FirmId firm, String actor, String level, String sha256Before, String sha256, UUID eventId)
			implements Auditable {

		public DocumentExtended(FirmId firm, String actor, String level, String sha256Before, String sha256) {
			this(firm, actor, level, sha256Before, sha256, UUID.randomUUID());
		}

		@Override
		public String action() {
			return "signing.document.extended";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("level", level, "before", sha256Before, "sha256", sha256);
		}

	}

	/** An API key of the sealing API was created or revoked. */
	public record ApiKeyChanged(FirmId firm, String actor, String keyPrefix, boolean revoked, UUID eventId) implements Auditable {

		public ApiKeyChanged(FirmId firm, String actor, String keyPrefix, boolean revoked) {
			this(firm, actor, keyPrefix, revoked, UUID.randomUUID());
		}

		@Override
		public String action() {
			return revoked ? "signing.apikey.revoked" : "signing.apikey.created";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("key", keyPrefix + "…");
		}

	}

	/** A firm owner asked for the firm's seal certificate: the firm waits for a registration officer's check. */
	public record SealCheckRequested(FirmId firm, String actor, java.util.UUID check, String siren, String name, UUID eventId)
			implements Auditable {

		public SealCheckRequested(FirmId firm, String actor, java.util.UUID check, String siren, String name) {
			this(firm, actor, check, siren, name, UUID.randomUUID());
		}

		@Override
		public String action() {
			return "signing.seal.check.requested";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("check", check.toString(), "siren", siren, "name", name);
		}

	}

	/** A registration officer checked the firm and approved its seal certificate. */
	public record SealCheckApproved(FirmId firm, String actor, java.util.UUID check, String siren, UUID eventId)
			implements Auditable {

		public SealCheckApproved(FirmId firm, String actor, java.util.UUID check, String siren) {
			this(firm, actor, check, siren, UUID.randomUUID());
		}

		@Override
		public String action() {
			return "signing.seal.check.approved";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("check", check.toString(), "siren", siren);
		}

	}

	/** A registration officer rejected the firm's request, with a reason the owners read. */
	public record SealCheckRejected(FirmId firm, String actor, java.util.UUID check, String siren, String reason, UUID eventId)
			implements Auditable {

		public SealCheckRejected(FirmId firm, String actor, java.util.UUID check, String siren, String reason) {
			this(firm, actor, check, siren, reason, UUID.randomUUID());
		}

		@Override
		public String action() {
			return "signing.seal.check.rejected";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("check", check.toString(), "siren", siren, "reason", reason);
		}

	}

	/**
	 * The CA issued a seal certificate for a checked firm; {@code replaced} is the serial of the certificate it
	 * supersedes (revoked as superseded right after), empty for a first certificate.
	 */
	public record SealCertificateIssued(FirmId firm, String actor, String serial, String subject, String replaced, UUID eventId)
			implements Auditable {

		public SealCertificateIssued(FirmId firm, String actor, String serial, String subject, String replaced) {
			this(firm, actor, serial, subject, replaced, UUID.randomUUID());
		}

		@Override
		public String action() {
			return replaced.isEmpty() ? "signing.seal.issued" : "signing.seal.renewed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("serial", serial, "subject", subject, "replaced", replaced);
		}

	}

	/** A firm owner revoked the firm's seal certificate (RFC 5280 §5.3.1 reason). */
	public record SealCertificateRevoked(FirmId firm, String actor, String serial, String reason, UUID eventId)
			implements Auditable {

		public SealCertificateRevoked(FirmId firm, String actor, String serial, String reason) {
			this(firm, actor, serial, reason, UUID.randomUUID());
		}

		@Override
		public String action() {
			return "signing.seal.revoked";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("serial", serial, "reason", reason);
		}

	}

}
